import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One-shot messages after a form post (post → 303 → get). The cookie carries only a code from this
 * table and an id number, never free text, so a forged cookie can at most pick another fixed message.
 */
const MESSAGES = {
  'alert-acked': { kind: 'ok', text: 'Alert #{id} acknowledged.' },
  'alert-resolved': { kind: 'error', text: 'Alert #{id} has already resolved; there is nothing to acknowledge.' },
  'comment-required': { kind: 'error', text: 'Alert #{id} was not acknowledged: a comment is required (what was done, or who looks at it).' },
  'comment-too-long': { kind: 'error', text: 'Alert #{id} was not acknowledged: the comment is longer than 500 characters.' },
} as const;

export type FlashCode = keyof typeof MESSAGES;
export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

const COOKIE = 'sfd_flash';

export function setFlash(reply: FastifyReply, code: FlashCode, id: number): void {
  reply.setCookie(COOKIE, `${code}:${id}`, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

/** Reads and clears the flash, if any. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies?.[COOKIE];
  if (raw === undefined) return null;
  reply.clearCookie(COOKIE, { path: '/' });
  const m = /^([a-z-]+):(\d{1,15})$/.exec(raw);
  const code = m?.[1];
  if (!m || !code || !Object.hasOwn(MESSAGES, code)) return null;
  const message = MESSAGES[code as FlashCode];
  return { kind: message.kind, text: message.text.replace('{id}', m[2] as string) };
}
