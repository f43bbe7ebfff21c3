import type { Dispatcher } from 'undici';
import { contentKind, decodeText, formatBytes, looksLikeHtml, parseJson, type ReadProgress, readCapped } from './http-body.js';
import { type FailureContext, statusFailure, vendorError } from './http-errors.js';

const errorBodyLimit = 64 * 1024; // enough for any vendor's error message; the rest is not worth reading
const noBodyStatuses = new Set([204, 205, 304]);

export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export type Body = Dispatcher.ResponseData['body'];

/** Decides what a response means; throws VendorError for anything but usable JSON (or an empty body). */
export async function judge(status: number, headers: Record<string, string>, body: Body, okStatuses: readonly number[] | undefined, ctx: FailureContext, max: number, progress: ReadProgress): Promise<unknown> {
  const kind = contentKind(headers['content-type']);
  if (!((status >= 200 && status < 300) || okStatuses?.includes(status))) {
    let json: unknown;
    let html = kind === 'html';
    try {
      const text = decodeText((await readCapped(body, errorBodyLimit, progress)).data);
      html ||= looksLikeHtml(text);
      const parsed = kind === 'json' || kind === 'missing' ? parseJson(text) : undefined;
      if (parsed?.ok) json = parsed.value;
    } catch {
      // The status alone says enough; a body that breaks off must not hide it.
    }
    throw statusFailure(ctx, { status, headers, json, html });
  }
  const tooLarge = (size: string) =>
    vendorError(ctx, 'VENDOR_TOO_LARGE', `the response is ${size}, over the ${formatBytes(max)} limit (maxResponseBytes)`, { status });
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw tooLarge(formatBytes(declared));
  const { data, overLimit } = await readCapped(body, max, progress);
  if (overLimit) throw tooLarge('larger than that (stopped reading)');
  const text = decodeText(data);
  if (noBodyStatuses.has(status) || text.trim() === '') return null;
  if (kind === 'html' || (kind !== 'json' && looksLikeHtml(text))) {
    throw vendorError(ctx, 'VENDOR_PARSE', `answered with an HTML page (status ${status}) instead of JSON (a login page or a proxy in the way?)`, { status });
  }
  if (kind === 'other') {
    const type = (headers['content-type'] ?? '').slice(0, 80);
    throw vendorError(ctx, 'VENDOR_PARSE', `answered with content type "${type}" (status ${status}) instead of JSON`, { status });
  }
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  const why = parsed.truncated ? `truncated JSON (it ends after ${formatBytes(data.length)})` : `malformed JSON (${formatBytes(data.length)})`;
  throw vendorError(ctx, 'VENDOR_PARSE', `answered with ${why}, status ${status}`, { status });
}
