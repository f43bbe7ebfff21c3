import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { noFaults, type SimFaults } from './types.js';

/** The faults of every system, changeable while the simulator runs. */
export interface FaultBook {
  get(id: string): SimFaults;
  set(id: string, change: Partial<SimFaults>): SimFaults;
}

export function createFaultBook(ids: readonly string[], initial: Record<string, Partial<SimFaults>> = {}): FaultBook {
  const book = new Map<string, SimFaults>(ids.map((id) => [id, noFaults]));
  const set = (id: string, change: Partial<SimFaults>) => {
    const current = book.get(id);
    if (!current) throw new Error(`no simulated system "${id}"`);
    const next = { ...current, ...change };
    checkFaults(id, next);
    book.set(id, next);
    return next;
  };
  for (const [id, change] of Object.entries(initial)) set(id, change);
  return { get: (id) => book.get(id) ?? noFaults, set };
}

function checkFaults(id: string, f: SimFaults): void {
  const bad: string[] = [];
  if (!(f.errorRate >= 0 && f.errorRate <= 1)) bad.push(`errorRate ${f.errorRate} is not within 0..1`);
  if (!(f.latencyMs >= 0) || !(f.latencyJitterMs >= 0)) bad.push('latency must be at least 0 ms');
  if (f.errorStatus !== undefined && !(f.errorStatus >= 400 && f.errorStatus <= 599)) bad.push(`errorStatus ${f.errorStatus} is not an HTTP error`);
  if (bad.length > 0) throw new Error(`faults for "${id}": ${bad.join('; ')}`);
}

const htmlPage = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p>
<hr><address>Apache Server</address></body></html>
`;

/** What the fault hook needs about one system. */
export interface FaultTarget {
  faults(): SimFaults;
  /** Seeded per system, so a fault run's error pattern repeats with the seed. */
  random(): number;
}

/**
 * Applies each system's faults to every request under its `/<id>` prefix, including paths no
 * vendor route knows (a hung system hangs on a 404 too). One root hook that looks the system up by
 * the first path segment costs less than a hook per system. Latency comes first (a slow system is
 * slow whatever it answers), then the kinds of broken answer. A hung request is hijacked and never
 * answered: the server's forceCloseConnections destroys its socket on close.
 */
export function applyFaults(app: FastifyInstance, targetOf: (id: string) => FaultTarget | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    const target = targetOf(systemIdOf(request.url));
    if (!target) return;
    const f = target.faults();
    const delay = f.latencyMs + f.latencyJitterMs * target.random();
    if (delay > 0) await sleep(delay);
    if (f.hang) {
      reply.hijack();
      return;
    }
    if (f.resetConnection) {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (f.htmlError) return reply.code(500).type('text/html; charset=utf-8').send(htmlPage);
    if (f.errorRate > 0 && target.random() < f.errorRate) {
      const status = f.errorStatus ?? 503;
      if (status === 429) reply.header('retry-after', '1');
      return reply.code(status).send({ error: status === 429 ? 'Too Many Requests' : 'Service Unavailable', message: 'simulated fault' });
    }
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const f = targetOf(systemIdOf(request.url))?.faults();
    if (!f) return payload;
    let body = payload;
    if (f.malformedBody && (typeof body === 'string' || Buffer.isBuffer(body)) && body.length > 1) {
      // Cut the real answer in half: the JSON is then truncated mid-value, as by a dropped connection.
      const half = Math.floor(body.length / 2);
      body = typeof body === 'string' ? body.slice(0, half) : body.subarray(0, half);
    }
    if (f.slowBodyMs && f.slowBodyMs > 0 && (typeof body === 'string' || Buffer.isBuffer(body))) return trickle(Buffer.from(body), f.slowBodyMs);
    return body;
  });
}

/** "/pure-fa-01/api/2.26/arrays?x" → "pure-fa-01". */
export function systemIdOf(url: string): string {
  let end = 1;
  while (end < url.length && url[end] !== '/' && url[end] !== '?') end++;
  return url.slice(1, end);
}

/** The body in ten pieces spread over `ms`: headers arrive at once, the body takes its time. */
function trickle(body: Buffer, ms: number): Readable {
  const pieces = 10;
  const size = Math.ceil(body.length / pieces) || 1;
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < body.length; offset += size) {
        await sleep(ms / pieces);
        yield body.subarray(offset, offset + size);
      }
    })(),
  );
}
