import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '../shared/errors.js';
import type { AuthenticatedAdmin, AdminAuthService } from '../modules/admins/admin-auth.service.js';
import type { ConsumerAuthService } from '../modules/consumer-auth/consumer-auth.service.js';
import type { AuthenticatedConsumer } from '../modules/consumer-auth/consumer-session.js';
import type { AuditContext } from '../modules/events/events.repository.js';

/**
 * Who may call a route. Every route must say (SR-50):
 * - `public`: anyone;
 * - `admin`: a console session;
 * - `consumer`: a consumer session that is not restricted;
 * - `consumer-restricted`: any consumer session, even one that must change its password first.
 */
export type RouteAuth = 'public' | 'admin' | 'consumer' | 'consumer-restricted';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    admin: AuthenticatedAdmin | null;
    consumerAuth: AuthenticatedConsumer | null;
  }
}

export interface CookieNames {
  admin: string;
  consumer: string;
}

export interface AuthPluginOptions {
  adminAuth: AdminAuthService;
  consumerAuth: ConsumerAuthService;
  cookies: CookieNames;
}

const unauthenticated = () => new AppError(401, 'auth.unauthenticated', 'Sign in to continue.');

/** The audit context of a request: who acts, from which address, under which request id. */
export function auditOf(request: FastifyRequest): AuditContext {
  const base = {
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
  };
  if (request.admin) return { ...base, actorType: 'admin', actorId: request.admin.id };
  if (request.consumerAuth) {
    return { ...base, actorType: 'consumer', actorId: request.consumerAuth.consumer.id };
  }
  return { ...base, actorType: 'system', actorId: null };
}

/**
 * Deny by default: a route without `config.auth` fails at start-up, and each request is checked
 * against the server-side session row before its handler runs.
 */
export function registerAuth(app: FastifyInstance, options: AuthPluginOptions): void {
  app.decorateRequest('admin', null);
  app.decorateRequest('consumerAuth', null);

  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (!auth && !route.url.startsWith('/api/docs') && !route.url.startsWith('/assets')) {
      throw new Error(`route ${route.method} ${route.url} does not declare config.auth`);
    }
  });

  // onRequest, not preHandler: a request without the right session is refused before its body
  // is read or validated, so anonymous callers learn nothing from validation errors.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = request.routeOptions.config.auth ?? 'public';
    if (auth === 'public') return;
    if (auth === 'admin') {
      const token = request.cookies[options.cookies.admin];
      request.admin = token ? await options.adminAuth.authenticate(token) : null;
      if (!request.admin) throw unauthenticated();
      reply.header('cache-control', 'no-store');
      return;
    }
    const token = request.cookies[options.cookies.consumer];
    request.consumerAuth = token ? await options.consumerAuth.authenticate(token) : null;
    if (!request.consumerAuth) throw unauthenticated();
    reply.header('cache-control', 'no-store');
    if (auth === 'consumer' && request.consumerAuth.passwordChangeRequired) {
      throw new AppError(
        403,
        'auth.password_change_required',
        'Choose a new password before continuing.',
      );
    }
    if (auth === 'consumer' && request.consumerAuth.verificationRequired) {
      throw new AppError(
        403,
        'auth.verification_required',
        'Verify your email address before continuing.',
      );
    }
  });
}

/** The signed-in administrator of an `admin` route (the guard has run). */
export function currentAdmin(request: FastifyRequest): AuthenticatedAdmin {
  if (!request.admin) throw unauthenticated();
  return request.admin;
}

/** The signed-in consumer of a `consumer` or `consumer-restricted` route. */
export function currentConsumer(request: FastifyRequest): AuthenticatedConsumer {
  if (!request.consumerAuth) throw unauthenticated();
  return request.consumerAuth;
}
