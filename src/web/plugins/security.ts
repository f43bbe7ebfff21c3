import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Headers and body parsers every route relies on. The Content-Security-Policy allows no inline
 * script or style at all: every script is a file under /static/, so an injected string from an
 * array (a hostile system or alert name) can never run even if a template forgot to escape it.
 */
async function security(app: FastifyInstance, opts: { cookieSecret?: string } = {}) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Operators often reach the dashboard over plain HTTP on a management network; HSTS is the
    // reverse proxy's decision (DEPLOYMENT.md), not ours.
    hsts: false,
  });
  // The secret signs the session and CSRF cookies; every replica derives the same one.
  await app.register(fastifyCookie, opts.cookieSecret ? { secret: opts.cookieSecret } : {});
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
}

export const securityPlugin = fp(security, { name: 'security' });
