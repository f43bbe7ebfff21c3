import { type PollLogEntry, type SystemTarget, VendorError } from '../client.js';
import type { HttpResponse, VendorHttp } from '../http.js';
import { DD_PATHS } from './paths.js';

/**
 * The Data Domain session: POST /rest/v1.0/auth answers 201 with the token in X-DD-AUTH-TOKEN,
 * every call sends it back, DELETE /rest/v1.0/auth ends it. The token is kept between polls (DD
 * limits concurrent sessions, so logging in every poll would churn them) and renewed exactly once
 * per poll when a call answers 401 — never in a loop, which would lock the account.
 */

const TOKEN_HEADER = 'X-DD-AUTH-TOKEN';
type Query = Record<string, string | number | boolean | undefined>;

/** What get() answers for an optional endpoint that is not there; distinct from an empty (null) body. */
export const NOT_AVAILABLE: unique symbol = Symbol('not available');

export class DdSession {
  private token: string | null = null;
  private reloginUsed = false;
  log: ((entry: PollLogEntry) => void) | undefined;

  constructor(
    private readonly http: VendorHttp,
    private readonly target: SystemTarget,
  ) {}

  /** Called at the start of every poll: each poll may renew the session once. */
  startPoll(log: ((entry: PollLogEntry) => void) | undefined): void {
    this.reloginUsed = false;
    this.log = log;
  }

  private async login(signal: AbortSignal): Promise<void> {
    const { username, password } = this.target.credentials;
    if (!username || !password) {
      throw new VendorError('VENDOR_AUTH', 'Data Domain needs a username and password; none are configured', { endpoint: DD_PATHS.auth });
    }
    let res: HttpResponse;
    try {
      res = await this.http.request({ method: 'POST', path: DD_PATHS.auth, json: { username, password }, signal });
    } catch (e) {
      if (e instanceof VendorError && e.code === 'VENDOR_AUTH') {
        this.log?.({ level: 'error', category: 'authentication', message: `login as ${username} rejected`, httpStatus: e.status ?? null, endpoint: DD_PATHS.auth });
        throw new VendorError('VENDOR_AUTH', `Data Domain rejected the login of user "${username}" (HTTP ${e.status ?? '401'})`, {
          status: e.status,
          endpoint: DD_PATHS.auth,
          cause: e,
        });
      }
      throw e;
    }
    const token = res.headers[TOKEN_HEADER.toLowerCase()];
    if (!token) {
      throw new VendorError('VENDOR_PARSE', `Data Domain ${DD_PATHS.auth}: HTTP ${res.status} without an ${TOKEN_HEADER} header`, {
        status: res.status,
        endpoint: DD_PATHS.auth,
      });
    }
    this.token = token;
    this.log?.({ level: 'info', category: 'authentication', message: `logged in as ${username}`, httpStatus: res.status, endpoint: DD_PATHS.auth });
  }

  private async send(path: string, query: Query, signal: AbortSignal, optional: boolean): Promise<Pick<HttpResponse, 'status' | 'headers' | 'body'>> {
    try {
      return await this.request(path, query, signal, optional);
    } catch (e) {
      // A 401, or a 404 of an optional endpoint, keeps its meaning even when its body is an HTML page.
      if (e instanceof VendorError && (e.status === 401 || (optional && e.status === 404))) return { status: e.status, headers: {}, body: null };
      throw e;
    }
  }

  private request(path: string, query: Query, signal: AbortSignal, optional: boolean): Promise<HttpResponse> {
    return this.http.request({
      method: 'GET',
      path,
      query,
      headers: { [TOKEN_HEADER]: this.token ?? '', Accept: 'application/json' },
      // 401 is handled here (one re-login); 404 on an optional endpoint means the facet does not exist.
      okStatuses: optional ? [401, 404] : [401],
      signal,
    });
  }

  /** GET with the session token; NOT_AVAILABLE when an optional endpoint answers 404. */
  async get(path: string, query: Query, signal: AbortSignal, optional: boolean): Promise<unknown> {
    if (this.token === null) await this.login(signal);
    let res = await this.send(path, query, signal, optional);
    if (res.status === 401) {
      if (this.reloginUsed) throw this.rejected(path);
      this.reloginUsed = true;
      this.token = null;
      this.log?.({ level: 'warn', category: 'authentication', message: 'session token rejected (401); logging in again once', httpStatus: 401, endpoint: path });
      await this.login(signal);
      res = await this.send(path, query, signal, optional);
      if (res.status === 401) throw this.rejected(path);
    }
    if (res.status === 404) {
      this.log?.({ level: 'info', category: 'data_query', message: `${path} not available on this system (404); skipped`, httpStatus: 404, endpoint: path });
      return NOT_AVAILABLE;
    }
    // DDOS may hand out a refreshed token on any answer; keep the newest.
    const renewed = res.headers[TOKEN_HEADER.toLowerCase()];
    if (renewed) this.token = renewed;
    return res.body;
  }

  private rejected(path: string): VendorError {
    this.token = null;
    return new VendorError('VENDOR_AUTH', `Data Domain rejected a fresh session token on ${path} (HTTP 401); not retrying`, {
      status: 401,
      endpoint: path,
    });
  }

  /** DELETE /rest/v1.0/auth so sessions do not pile up on the array; never throws. */
  async logout(timeoutMs: number): Promise<void> {
    if (this.token === null) return;
    const token = this.token;
    this.token = null;
    try {
      await this.http.request({
        method: 'DELETE',
        path: DD_PATHS.auth,
        headers: { [TOKEN_HEADER]: token },
        okStatuses: [401, 403, 404],
        signal: AbortSignal.timeout(timeoutMs),
      });
      this.log?.({ level: 'info', category: 'authentication', message: 'logged out', endpoint: DD_PATHS.auth });
    } catch (e) {
      this.log?.({ level: 'warn', category: 'authentication', message: `logout failed: ${(e as Error).message}`, endpoint: DD_PATHS.auth });
    }
  }
}
