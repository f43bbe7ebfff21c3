import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One-shot messages across a POST → 303 → GET: a short-lived cookie read (and cleared) by the next
 * page. Its text is always rendered escaped, so a forged cookie can only show its sender words.
 */

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

const COOKIE = 'sfd_flash';
const MAX_TEXT = 500;

export function setFlash(reply: FastifyReply, flash: Flash): void {
  const value = JSON.stringify({ kind: flash.kind, text: flash.text.slice(0, MAX_TEXT) });
  reply.setCookie(COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies?.[COOKIE];
  if (!raw) return null;
  reply.clearCookie(COOKIE, { path: '/' });
  try {
    const parsed = JSON.parse(raw) as Partial<Flash>;
    if ((parsed.kind === 'ok' || parsed.kind === 'error') && typeof parsed.text === 'string') return { kind: parsed.kind, text: parsed.text.slice(0, MAX_TEXT) };
  } catch {}
  return null;
}

/** Where to send the browser back to: a local path only, never another site ("//evil", "https://…"). */
export function safeBackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value.length > 2000 ? fallback : value;
}
