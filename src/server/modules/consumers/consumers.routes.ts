import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  consumerCountsSchema,
  consumerFilterSchema,
  consumerPageSchema,
  consumerSchema,
  createConsumerBodySchema,
  createdConsumerSchema,
  updateCoordinatesBodySchema,
  updateIdentityBodySchema,
} from '../../../contracts/consumers.js';
import { auditOf } from '../../plugins/auth.js';
import { AppError } from '../../shared/errors.js';
import type { ConsumersService } from './consumers.service.js';

export interface ConsumersRoutesOptions {
  consumers: ConsumersService;
}

const consumerParams = z.strictObject({ consumerId: z.uuid('consumerId must be a UUID') });
const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().max(512).optional();
const tags = ['consumers'];

/** ETag of a consumer: its version, quoted. */
const etagOf = (version: number) => `"${version}"`;

/** Reads If-Match (`"3"` or `W/"3"`); null when absent, 400 when it is not one of our tags. */
function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError(400, 'validation.invalid_input', 'If-Match: must be an ETag such as "3"', {
      details: { issues: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }] },
    });
  }
  return Number(match[1]);
}

export const consumersRoutes: FastifyPluginAsyncZod<ConsumersRoutesOptions> = async (
  app,
  { consumers },
) => {
  const adminRoute = { config: { auth: 'admin' as const } };

  app.get(
    '/',
    {
      ...adminRoute,
      schema: {
        tags,
        summary: 'List consumers, newest first',
        querystring: z.strictObject({ filter: consumerFilterSchema.default('all'), cursor, limit }),
        response: { 200: consumerPageSchema },
      },
    },
    async (request) => {
      const { filter, ...page } = request.query;
      return consumers.listPage(filter, page);
    },
  );

  app.get(
    '/counts',
    {
      ...adminRoute,
      schema: {
        tags,
        summary: 'How many consumers each filter holds',
        response: { 200: consumerCountsSchema },
      },
    },
    async () => consumers.counts(),
  );

  app.get(
    '/search',
    {
      ...adminRoute,
      schema: {
        tags,
        summary: 'Find consumers by name, email or phone, best matches first',
        querystring: z.strictObject({ q: z.string().max(200), cursor, limit }),
        response: { 200: consumerPageSchema },
      },
    },
    async (request) => {
      const { q, ...page } = request.query;
      return consumers.search(q, page);
    },
  );

  app.get(
    '/:consumerId',
    {
      ...adminRoute,
      schema: {
        tags,
        summary: 'One consumer',
        params: consumerParams,
        response: { 200: consumerSchema },
      },
    },
    async (request, reply) => {
      const consumer = await consumers.getConsumer(request.params.consumerId);
      reply.header('etag', etagOf(consumer.version));
      return consumer;
    },
  );

  app.post(
    '/',
    {
      ...adminRoute,
      schema: {
        tags,
        summary: 'Create a consumer with a temporary password, shown once',
        body: createConsumerBodySchema,
        response: { 201: createdConsumerSchema },
      },
    },
    async (request, reply) => {
      const created = await consumers.createConsumer(request.body, auditOf(request));
      reply.header('etag', etagOf(created.consumer.version));
      return reply.code(201).send(created);
    },
  );

  const editSchema = {
    tags,
    params: consumerParams,
    headers: z.object({ 'if-match': z.string().max(64).optional() }),
    response: { 200: consumerSchema },
  };

  app.patch(
    '/:consumerId/identity',
    {
      ...adminRoute,
      schema: { ...editSchema, summary: 'Modify the identity', body: updateIdentityBodySchema },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      const updated = await consumers.updateIdentity(
        request.params.consumerId,
        version,
        request.body,
        auditOf(request),
      );
      reply.header('etag', etagOf(updated.version));
      return updated;
    },
  );

  app.patch(
    '/:consumerId/coordinates',
    {
      ...adminRoute,
      schema: { ...editSchema, summary: 'Edit coordinates', body: updateCoordinatesBodySchema },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      const updated = await consumers.updateCoordinates(
        request.params.consumerId,
        version,
        request.body,
        auditOf(request),
      );
      reply.header('etag', etagOf(updated.version));
      return updated;
    },
  );
};
