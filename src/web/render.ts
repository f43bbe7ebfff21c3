import type { FastifyReply, FastifyRequest } from 'fastify';

/** The part of every page model the layout reads. */
export interface PageFrame {
  title: string;
  /** Which navigation entry is current. */
  nav: 'fleet' | 'alerts' | 'capacity' | 'logs' | 'admin' | 'login' | 'system' | 'none';
  viewer: FastifyRequest['viewer'];
  /** For forms in the layout (sign out) and pages; empty when CSRF protection is not registered. */
  csrfToken: string;
}

type CsrfReply = FastifyReply & { generateCsrf?: () => string };

const tokens = new WeakMap<FastifyReply, string>();

/**
 * One CSRF token per response, made on first use: a page without a form (any anonymous wall
 * screen) then costs no secret, no signed cookie and no hashing.
 */
export function csrfTokenOf(reply: FastifyReply): string {
  let token = tokens.get(reply);
  if (token === undefined) {
    const generate = (reply as CsrfReply).generateCsrf;
    token = typeof generate === 'function' ? generate.call(reply) : '';
    tokens.set(reply, token);
  }
  return token;
}

export function frameOf(request: FastifyRequest, reply: FastifyReply, title: string, nav: PageFrame['nav']): PageFrame {
  return {
    title,
    nav,
    viewer: request.viewer,
    get csrfToken() {
      return csrfTokenOf(reply);
    },
  };
}

/** Renders views/pages/<page>.eta inside the main layout. Templates get `it.frame` and the model. */
export async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: string,
  frame: { title: string; nav: PageFrame['nav'] },
  model: object,
): Promise<string> {
  reply.type('text/html; charset=utf-8');
  return reply.viewAsync(`pages/${page}`, { ...model, frame: frameOf(request, reply, frame.title, frame.nav) }, { layout: 'layouts/main' });
}

/** Renders views/fragments/<name>.eta alone: what progressive enhancement swaps into a page. */
export async function renderFragment(reply: FastifyReply, name: string, model: object): Promise<string> {
  reply.type('text/html; charset=utf-8');
  return reply.viewAsync(`fragments/${name}`, model);
}
