import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface HealthRoutesOptions {
  ping: () => Promise<void>;
}

const status = z.object({ status: z.enum(['ok', 'unavailable']) });

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { ping }) => {
  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: { tags: ['health'], summary: 'The process is alive', response: { 200: status } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The database answers (one trivial query)',
        response: { 200: status, 503: status },
      },
    },
    async (request, reply) => {
      try {
        await ping();
        return { status: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable' as const });
      }
    },
  );
};
