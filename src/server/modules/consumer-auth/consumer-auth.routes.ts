import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  changePasswordBodySchema,
  consumerProfileSchema,
  signInBodySchema,
} from '../../../contracts/auth.js';
import { auditOf, currentConsumer } from '../../plugins/auth.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/cookies.js';
import type { SessionCookieSettings } from '../../plugins/cookies.js';
import type { ConsumerAuthService } from './consumer-auth.service.js';
import { toConsumerProfile } from './consumer-auth.service.js';

export interface ConsumerAuthRoutesOptions {
  consumerAuth: ConsumerAuthService;
  cookie: SessionCookieSettings;
}

const profileReply = z.object({ consumer: consumerProfileSchema });
const tags = ['account'];

export const consumerAuthRoutes: FastifyPluginAsyncZod<ConsumerAuthRoutesOptions> = async (
  app,
  { consumerAuth, cookie },
) => {
  app.post(
    '/session',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in',
        body: signInBodySchema,
        response: { 200: profileReply },
      },
    },
    async (request, reply) => {
      const { token, profile } = await consumerAuth.signIn(
        request.body.email,
        request.body.password,
        auditOf(request),
      );
      setSessionCookie(reply, cookie, token);
      reply.header('cache-control', 'no-store');
      return { consumer: profile };
    },
  );

  app.delete(
    '/session',
    { config: { auth: 'consumer-restricted' }, schema: { tags, summary: 'Sign out' } },
    async (request, reply) => {
      await consumerAuth.signOut(currentConsumer(request), auditOf(request));
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: { auth: 'consumer-restricted' },
      schema: { tags, summary: 'The signed-in consumer', response: { 200: profileReply } },
    },
    async (request) => ({ consumer: toConsumerProfile(currentConsumer(request).consumer) }),
  );

  app.post(
    '/me/password',
    {
      config: { auth: 'consumer-restricted' },
      schema: {
        tags,
        summary: 'Change the password (required after a temporary one)',
        body: changePasswordBodySchema,
        response: { 200: profileReply },
      },
    },
    async (request, reply) => {
      const { token, profile } = await consumerAuth.changePassword(
        currentConsumer(request),
        request.body,
        auditOf(request),
      );
      setSessionCookie(reply, cookie, token);
      return { consumer: profile };
    },
  );
};
