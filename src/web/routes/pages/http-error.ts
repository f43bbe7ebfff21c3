import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeBackPath } from '../../flash.js';
import { wantsHtml } from '../../guards.js';
import { renderPage } from '../../render.js';

/** An error the app's error handler answers as a page (browsers) or JSON, with this status and words. */
export function httpError(statusCode: number, code: string, message: string): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(message), { statusCode, code });
}

/** A route's :id as a positive whole number, or a 400 naming what was wrong. */
export function parseSystemId(raw: unknown): number {
  const text = String(raw);
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw httpError(400, 'bad_system_id', `A system id is a positive whole number; "${text.slice(0, 40)}" is not.`);
  return id;
}

/**
 * 503 with the reason in words. Not thrown: the error handler keeps 5xx messages to itself, and
 * "this process cannot do that" is no internal detail but exactly what the operator needs to read.
 */
export async function sendUnavailable(request: FastifyRequest, reply: FastifyReply, code: string, message: string) {
  reply.code(503);
  if (!wantsHtml(request)) return reply.send({ error: code, message });
  return renderPage(request, reply, 'unavailable', { title: 'Not available here', nav: 'none' }, { message, back: safeBackPath((request.body as Record<string, unknown> | undefined)?.next) });
}
