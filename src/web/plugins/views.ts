import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
// Works from src/ (tsx) and from a build (dist/src/, or dist-bench/src/ for the benchmarks): the
// folder two levels up holds views/ and public/, or it is the build folder beside them.
function projectDir(name: string): string {
  const fromSrc = path.join(root, name);
  return existsSync(fromSrc) ? fromSrc : path.join(root, '..', name);
}

/** Eta views (escaped by default) and every asset served locally: many data centres are air-gapped. */
async function views(app: FastifyInstance, opts: { production: boolean }) {
  const viewsDir = projectDir('views');
  await app.register(fastifyView, {
    engine: { eta: new Eta({ views: viewsDir, cache: opts.production, autoEscape: true }) },
    root: viewsDir,
    viewExt: 'eta',
    // Without this @fastify/view follows NODE_ENV and switches Eta's cache off again: every render
    // would read and compile each template from disk.
    production: opts.production,
  });
  await app.register(fastifyStatic, { root: projectDir('public'), prefix: '/static/', maxAge: opts.production ? '1h' : 0 });
  // The chart library comes from its npm package, never from a CDN.
  const uplotDist = path.dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
  await app.register(fastifyStatic, { root: uplotDist, prefix: '/static/vendor/uplot/', decorateReply: false, allowedPath: (p) => /^\/uPlot\.(iife\.min\.js|min\.css)$/.test(p) });
}

export const viewsPlugin = fp(views, { name: 'views' });
