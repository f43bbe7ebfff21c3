/**
 * Form bodies arrive url-encoded (@fastify/formbody) or multipart (@fastify/multipart with
 * keyValues: text fields as strings, files as Buffers). These read one field either way.
 */
export type FormBody = Record<string, unknown>;

export function asFormBody(body: unknown): FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as FormBody) : {};
}

/** The field as text ('' when absent); a repeated field gives its first value, an uploaded file its UTF-8 content. */
export function textField(body: FormBody, key: string): string {
  const raw = Array.isArray(body[key]) ? (body[key] as unknown[])[0] : body[key];
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return '';
}

/** A checkbox: present and not "false"/"0"/"off". */
export function checkboxField(body: FormBody, key: string): boolean {
  const value = textField(body, key).trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0' && value !== 'off';
}

/** Whole number from a text field: null when blank, NaN when not a whole number. */
export function wholeNumberField(body: FormBody, key: string): number | null {
  const text = textField(body, key).trim();
  if (text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}
