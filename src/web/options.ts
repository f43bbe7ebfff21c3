/** What the web needs from config, passed in by the CLI (web never reads config itself). */
export interface WebOptions {
  /** Reading pages and the read API without signing in (wall screens). */
  anonymousRead: boolean;
  pollIntervalMs: number;
  /** Cache templates and send long-lived asset headers. */
  production: boolean;
  /** Secure cookies: true behind TLS; 'auto' follows the request's protocol. */
  cookieSecure: boolean | 'auto';
  /** At least 32 characters; signs session cookies. */
  sessionSecret: string;
}

export const defaultWebOptions: WebOptions = {
  anonymousRead: false,
  pollIntervalMs: 60_000,
  production: false,
  cookieSecure: 'auto',
  sessionSecret: 'development-only-session-secret-not-for-production',
};
