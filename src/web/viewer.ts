import type { FastifyRequest } from 'fastify';

/** Who is asking. Set by the auth plugin on every request; null means nobody is signed in. */
export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  /** Null for the anonymous wall-screen viewer (ANONYMOUS_READ=true). */
  userId: number | null;
  username: string;
  role: Role;
  via: 'session' | 'token' | 'anonymous';
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

/** Who did it and how, for the audit log. */
export function actorOf(request: FastifyRequest): { username: string | null; ip: string; via: string | null } {
  return { username: request.viewer?.username ?? null, ip: request.ip, via: request.viewer?.via ?? null };
}
