import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { eventListQuerySchema, eventPageSchema } from '../../../contracts/events.js';
import type { EventsService } from './events.service.js';

export interface EventsRoutesOptions {
  events: EventsService;
}

export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, { events }) => {
  app.get(
    '/',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['event log'],
        summary:
          'The event log, newest first, filtered by consumer, administrator, action or dates',
        querystring: eventListQuerySchema,
        response: { 200: eventPageSchema },
      },
    },
    async (request) => events.listPage(request.query),
  );
};
