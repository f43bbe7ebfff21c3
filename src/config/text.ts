// Wording helpers for configuration problems: one readable line each, never a secret.

export function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** "ENOENT: no such file or directory, open '/x'" → "no such file or directory (ENOENT)". */
export function osReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  const prefix = `${code}: `;
  const text = code && message.startsWith(prefix) ? (message.slice(prefix.length).split(',')[0] ?? message) : message;
  return (code && !text.includes(code) ? `${text} (${code})` : text).replace(/\s*\n\s*/g, ' ');
}

/** Quotes a value so that a problem stays one readable line, however odd or long the value is. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}
