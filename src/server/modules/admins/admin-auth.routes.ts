import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { adminProfileSchema, signInBodySchema } from '../../../contracts/auth.js';
import { auditOf, currentAdmin } from '../../plugins/auth.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/cookies.js';
import type { SessionCookieSettings } from '../../plugins/cookies.js';
import type { AdminAuthService, AuthenticatedAdmin } from './admin-auth.service.js';

export interface AdminAuthRoutesOptions {
  adminAuth: AdminAuthService;
  cookie: SessionCookieSettings;
}

const adminReply = z.object({ admin: adminProfileSchema });

const profileOf = (admin: AuthenticatedAdmin) => ({
  id: admin.id,
  email: admin.email,
  name: admin.name,
  role: admin.role,
});

export const adminAuthRoutes: FastifyPluginAsyncZod<AdminAuthRoutesOptions> = async (
  app,
  { adminAuth, cookie },
) => {
  app.post(
    '/session',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['console session'],
        summary: 'Sign in to the console',
        body: signInBodySchema,
        response: { 200: adminReply },
      },
    },
    async (request, reply) => {
      const { token, admin } = await adminAuth.signIn(
        request.body.email,
        request.body.password,
        auditOf(request),
      );
      setSessionCookie(reply, cookie, token);
      reply.header('cache-control', 'no-store');
      return { admin: profileOf(admin) };
    },
  );

  app.get(
    '/session',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['console session'],
        summary: 'The signed-in administrator',
        response: { 200: adminReply },
      },
    },
    async (request) => ({ admin: profileOf(currentAdmin(request)) }),
  );

  app.delete(
    '/session',
    {
      config: { auth: 'admin' },
      schema: { tags: ['console session'], summary: 'Sign out of the console' },
    },
    async (request, reply) => {
      await adminAuth.signOut(currentAdmin(request), auditOf(request));
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );
};
