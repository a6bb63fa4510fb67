import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { validationError } from '../shared/errors.js';

const noQuery = z.strictObject({});

function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined) return true;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? Object.keys(body).length === 0
    : false;
}

/**
 * Every API route refuses what it does not list (SR-70), instead of ignoring it: a route without
 * a query schema answers 400 to any query parameter, one without a body schema to any body but
 * `{}`.
 */
export function registerStrictSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url) || route.schema?.querystring) return;
    route.schema = { ...route.schema, querystring: noQuery };
  });

  // A hook rather than a body schema, so the API documentation shows no body for these routes.
  app.addHook('preValidation', async (request) => {
    const { url, schema } = request.routeOptions;
    if (!url || !isApiRoute(url) || schema?.body || isEmptyBody(request.body)) return;
    throw validationError([{ field: 'body', message: 'this request takes no body' }]);
  });
}
