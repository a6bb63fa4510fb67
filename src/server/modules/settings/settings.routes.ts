import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { settingsBodySchema, settingsSchema } from '../../../contracts/settings.js';
import { auditOf } from '../../plugins/auth.js';
import { fieldError } from '../../shared/errors.js';
import type { SettingsService } from './settings.service.js';

export interface SettingsRoutesOptions {
  settings: SettingsService;
}

const tags = ['settings'];
const etagOf = (version: number) => `"${version}"`;

/** Reads If-Match (`"3"` or `W/"3"`); null when absent, 400 when it is not one of our tags. */
function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) throw fieldError('If-Match', 'must be an ETag such as "3"');
  return Number(match[1]);
}

export const settingsRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (
  app,
  { settings },
) => {
  app.get(
    '/',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'The platform settings', response: { 200: settingsSchema } },
    },
    async (_request, reply) => {
      const current = await settings.getSettings();
      reply.header('etag', etagOf(current.version));
      return current;
    },
  );

  app.put(
    '/',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Replace the platform settings (If-Match: the version you edited)',
        headers: z.object({ 'if-match': z.string().max(64).optional() }),
        body: settingsBodySchema,
        response: { 200: settingsSchema },
      },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      const updated = await settings.updateSettings(version, request.body, auditOf(request));
      reply.header('etag', etagOf(updated.version));
      return updated;
    },
  );
};
