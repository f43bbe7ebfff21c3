/**
 * Keeping credentials out of every message and log line. Messages are built from our own templates,
 * but some quote what the array said (an error snippet), and an array may echo what it was sent.
 * So each request collects the secrets it carries and every message is scrubbed of them, plus
 * anything that looks like a credential.
 */

const sensitiveName = /auth|token|pass|secret|key|cookie|session|credential/i;
const minSecretLength = 4; // shorter values would redact ordinary words

interface RequestSecrets {
  headers?: Record<string, string> | undefined;
  json?: unknown;
  query?: Record<string, unknown> | undefined;
  path: string;
  extra?: readonly string[];
}

function fromHeaderValue(value: string): string[] {
  const out = [value];
  const scheme = /^(basic|bearer|token)\s+(.+)$/i.exec(value.trim());
  if (scheme?.[2]) {
    out.push(scheme[2]);
    if (scheme[1]?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
      out.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
    }
  }
  return out;
}

function fromJson(value: unknown, depth: number, sensitive: boolean, out: string[]): void {
  if (depth > 6 || value === null) return;
  if (typeof value === 'string') {
    if (sensitive) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) fromJson(v, depth + 1, sensitive, out);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) fromJson(v, depth + 1, sensitive || sensitiveName.test(k), out);
  }
}

export function collectSecrets(r: RequestSecrets): string[] {
  const out: string[] = [...(r.extra ?? [])];
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    if (sensitiveName.test(name)) out.push(...fromHeaderValue(value));
  }
  fromJson(r.json, 0, false, out);
  for (const [k, v] of Object.entries(r.query ?? {})) if (sensitiveName.test(k) && v !== undefined) out.push(String(v));
  const search = r.path.split('?')[1];
  if (search) {
    for (const [k, v] of new URLSearchParams(search)) if (sensitiveName.test(k)) out.push(v);
  }
  // Longest first, so a secret containing another is removed whole.
  return [...new Set(out.filter((s) => s.length >= minSecretLength))].sort((a, b) => b.length - a.length);
}

// Order matters: "key: value" first, so "Authorization: Bearer x" loses the scheme and the token at once.
const keyValueShape = /("?(?:password|passwd|api[-_]?token|token|secret|authorization)"?\s*[:=]\s*)((?:basic|bearer)\s+\S+|"[^"]*"|[^\s,;&}]+)/gi;
const schemeShape = /\b(basic|bearer)\s+[\w+/=.~-]{6,}/gi;

export type Redact = (text: string) => string;

export function makeRedactor(secrets: readonly string[]): Redact {
  return (text) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('[redacted]');
    out = out.replace(keyValueShape, '$1[redacted]');
    return out.replace(schemeShape, '$1 [redacted]');
  };
}
