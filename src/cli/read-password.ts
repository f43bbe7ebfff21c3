import { passwordProblem } from '../lib/password.js';
import type { CliIo } from './io.js';

/** A bad password from the user: the command says why and exits 1 without printing it. */
export class PasswordInputError extends Error {
  override name = 'PasswordInputError';
}

/**
 * A new password, never from an argument (it would land in shell history and `ps`): the first line
 * of standard input with --password-stdin, otherwise asked twice on the terminal.
 */
export async function readNewPassword(io: CliIo, fromStdin: boolean, forWhom: string): Promise<string> {
  let password: string;
  if (fromStdin) {
    if (!io.stdin) throw new PasswordInputError('standard input is not available here');
    password = (await io.stdin.readAll()).split(/\r?\n/)[0] ?? '';
  } else if (io.stdin?.isTTY) {
    password = await io.stdin.askHidden(`New password for ${forWhom}: `);
    if ((await io.stdin.askHidden('Repeat it: ')) !== password) throw new PasswordInputError('the two passwords differ; nothing was changed');
  } else {
    throw new PasswordInputError('no terminal to ask for the password on: pipe it in with --password-stdin');
  }
  const problem = passwordProblem(password);
  if (problem) throw new PasswordInputError(`${problem}; nothing was changed`);
  return password;
}
