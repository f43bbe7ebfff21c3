/** Reading a response body with a size cap, and judging whether it is the JSON we asked for. */

export interface ReadProgress {
  bytes: number;
}

export interface CappedBody {
  data: Buffer;
  /** True when the body was longer than the cap: `data` holds only the first `limit` bytes. */
  overLimit: boolean;
}

/** Stops (and destroys the stream) as soon as the cap is passed, so a huge body never sits in memory. */
export async function readCapped(body: AsyncIterable<Uint8Array>, limit: number, progress: ReadProgress): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of body) {
    progress.bytes += chunk.byteLength;
    if (progress.bytes > limit) {
      chunks.push(Buffer.from(chunk.subarray(0, limit - kept)));
      return { data: Buffer.concat(chunks), overLimit: true }; // leaving the loop destroys the stream
    }
    chunks.push(Buffer.from(chunk));
    kept += chunk.byteLength;
  }
  return { data: Buffer.concat(chunks), overLimit: false };
}

export type ContentKind = 'json' | 'html' | 'missing' | 'other';

export function contentKind(contentType: string | undefined): ContentKind {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '') return 'missing';
  if (/^(application|text)\/([\w.-]+\+)?json$/.test(type)) return 'json';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return 'other';
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|title)/i.test(text);
}

export function decodeText(data: Buffer): string {
  // A BOM is legal in front of JSON from some Windows-based management stacks, but JSON.parse rejects it.
  return data.toString('utf8').replace(/^\uFEFF/, '');
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; truncated: boolean };

/**
 * The parser's own message is deliberately dropped: V8 quotes the input in it, and the input may
 * hold a session token.
 */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    // The input ran out (rather than holding a wrong character) when the error is at its very end.
    const at = /at position (\d+)/.exec(message)?.[1];
    const truncated = /end of (JSON )?input/i.test(message) || (at !== undefined && Number(at) >= text.trimEnd().length);
    return { ok: false, truncated };
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}
