import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

import { AppError } from '../shared/errors.js';

/**
 * Serves the built console and account app. Hashed assets are cached for a year; every other
 * path that is not an API answers index.html so client-side routes survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'));
  if (!built) app.log.warn({ root }, 'web app not built; run `npm run build:web`');
  await app.register(fastifyStatic, { root, serve: false });

  app.get('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(path.join('assets', file), { maxAge: '365d', immutable: true });
  });

  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
    const wanted = (request.params as { '*': string })['*'];
    if (wanted.startsWith('api/') || wanted === 'api') {
      throw new AppError(404, 'request.not_found', 'No route for this path.');
    }
    const candidate = path.join(root, path.normalize(`/${wanted}`));
    if (wanted && candidate.startsWith(root) && isFile(candidate)) {
      return reply.sendFile(path.relative(root, candidate), { maxAge: '1h' });
    }
    if (!built) throw new AppError(503, 'web.not_built', 'The web app has not been built.');
    return reply
      .header('cache-control', 'no-cache')
      .sendFile('index.html', { cacheControl: false });
  });
}

function isFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}
