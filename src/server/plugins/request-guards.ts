import type { FastifyInstance } from 'fastify';

import { AppError, validationError } from '../shared/errors.js';
import { findUnstorableText } from '../shared/text.js';
import { registerJsonBodyParser } from './json-body.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestGuardOptions {
  /** Origins allowed to write besides the server's own (PUBLIC_URL's origin when set). */
  allowedOrigins: string[];
}

function originOfHost(protocol: string, host: string | undefined): string | null {
  return host ? `${protocol}://${host}` : null;
}

/**
 * Refuses cross-site writes (SR-60, SR-63): browsers send Sec-Fetch-Site, which must say
 * same-origin; without it the Origin header must be one we serve; with neither, the write is
 * refused. Session cookies are SameSite too; this is the second lock on the door.
 */
export function registerRequestGuards(app: FastifyInstance, options: RequestGuardOptions): void {
  // Only JSON bodies are accepted: form and text posts are what cross-site forms can send (SR-61).
  app.removeContentTypeParser(['text/plain']);
  registerJsonBodyParser(app);

  // A NUL anywhere would reach PostgreSQL and fail there as a 500 (SR-74, SR-76): refuse it here,
  // for every route at once, before any schema or service sees the request.
  app.addHook('preValidation', async (request) => {
    const parts = { body: request.body, query: request.query, params: request.params };
    for (const [part, value] of Object.entries(parts)) {
      const path = findUnstorableText(value);
      if (path !== null) {
        const field = path || part;
        throw validationError([{ field, message: 'contains a character that cannot be stored' }]);
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string') {
      if (fetchSite === 'same-origin' || fetchSite === 'none') return;
      throw new AppError(403, 'request.cross_site', 'Cross-site requests are not allowed.');
    }
    const origin = request.headers.origin;
    const own = originOfHost(request.protocol, request.headers.host);
    if (origin && (origin === own || options.allowedOrigins.includes(origin))) return;
    throw new AppError(403, 'request.cross_site', 'Cross-site requests are not allowed.');
  });
}
