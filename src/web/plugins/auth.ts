import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../../db/connect.js';
import type { WebOptions } from '../options.js';
import type { Viewer } from '../viewer.js';

const anonymous: Viewer = { userId: null, username: 'anonymous', role: 'viewer', via: 'anonymous' };

/**
 * PLACEHOLDER until sessions and tokens land: nobody is signed in; with ANONYMOUS_READ everyone
 * reads as an anonymous viewer.
 */
async function auth(app: FastifyInstance, opts: { options: WebOptions; handle: DatabaseHandle }) {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    request.viewer = opts.options.anonymousRead ? anonymous : null;
  });
}

export const authPlugin = fp(auth, { name: 'auth', dependencies: ['security'] });
