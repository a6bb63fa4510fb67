import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { DatabaseHandle } from '../db/client.js';
import type { Config } from './config.js';
import { isSecureDeployment } from './config.js';
import { accountSecurityRoutes } from './modules/account-security/account-security.routes.js';
import { createAccountSecurityService } from './modules/account-security/account-security.service.js';
import { createAdminAuthService } from './modules/admins/admin-auth.service.js';
import { adminAuthRoutes } from './modules/admins/admin-auth.routes.js';
import { consumerAuthRoutes } from './modules/consumer-auth/consumer-auth.routes.js';
import { createConsumerAuthService } from './modules/consumer-auth/consumer-auth.service.js';
import { createEmailCodesService } from './modules/consumer-auth/email-codes.service.js';
import { createPasswordChangeService } from './modules/consumer-auth/password-change.service.js';
import { consumersRoutes } from './modules/consumers/consumers.routes.js';
import { createConsumersService } from './modules/consumers/consumers.service.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { createEventsService } from './modules/events/events.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createDeliveryWorker } from './modules/mail/delivery-worker.js';
import type { DeliveryWorker } from './modules/mail/delivery-worker.js';
import { devMailboxRoutes } from './modules/mail/dev-mailbox.routes.js';
import { createSmtpTransport, mailboxTransport } from './modules/mail/mail.transport.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { createSettingsService } from './modules/settings/settings.service.js';
import {
  adminSessionLifetime,
  consumerSessionLifetime,
} from './modules/sessions/sessions.policy.js';
import { defaultCodeSendLimits } from './modules/verification/verification.service.js';
import { registerAuth } from './plugins/auth.js';
import { sessionCookieNames } from './plugins/cookies.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { loggerOptions, registerRequestLogging } from './plugins/logging.js';
import { registerRequestGuards } from './plugins/request-guards.js';
import { registerStrictSchemas } from './plugins/strict-schemas.js';
import { registerWebApp } from './plugins/web-app.js';
import type { Clock } from './shared/clock.js';
import { systemClock } from './shared/clock.js';

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** A logger to use instead of a new pino instance (tests capture output through it). */
  logger?: FastifyBaseLogger;
  webRoot?: string;
  /** False until the database is migrated; readiness answers 503 meanwhile. */
  isReady?: () => boolean;
  /** Poll the outbox in the background (default); tests drive `app.mailWorker` themselves. */
  startMailWorker?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    mailWorker: DeliveryWorker;
  }
}

const incomingRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the whole server without listening, so tests can drive it in-process. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const secure = isSecureDeployment(config);
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: loggerOptions(config) }),
    // Our own onResponse line replaces Fastify's pair of per-request lines.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.TRUST_PROXY ?? false,
    return503OnClosing: true,
    requestIdHeader: 'x-request-id',
    // A client's id is kept only when it is short and plain; anything else gets a fresh one.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && incomingRequestId.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStrictSchemas(app);
  registerRequestLogging(app);
  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes and style tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    hsts: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Gatehouse API',
        description: 'Console API (/api/admin/v1) and account API (/api/v1).',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Keep the documentation page as strict as the rest: no framing, no forced HTTPS upgrade.
    transformStaticCSP: (header) =>
      header
        .replace(/upgrade-insecure-requests;?/, '')
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace("base-uri 'self'", "base-uri 'none'"),
  });

  const allowedOrigins = config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : [];
  registerRequestGuards(app, { allowedOrigins });

  const transport = config.SMTP_URL
    ? createSmtpTransport(config.SMTP_URL, config.MAIL_FROM)
    : mailboxTransport;
  const mailWorker = createDeliveryWorker({
    db: database.db,
    clock,
    transport,
    log: app.log,
    claimLeaseMs: config.MAIL_LEASE_SECONDS * 1000,
  });
  app.decorate('mailWorker', mailWorker);
  if (options.startMailWorker ?? true) {
    app.addHook('onReady', async () => mailWorker.start());
  }
  app.addHook('onClose', async () => {
    await mailWorker.stop();
    transport.close();
  });
  const mailQueued = () => {
    mailWorker.runOnce().catch((error: unknown) => app.log.error({ err: error }, 'mail delivery'));
  };
  const codeSendLimits = { ...defaultCodeSendLimits, perAddress: config.CODE_SENDS_PER_ADDRESS };
  const deps = { db: database.db, clock, mailQueued, codeSendLimits };
  const adminAuth = createAdminAuthService(deps);
  const consumerAuth = createConsumerAuthService(deps);
  const passwords = createPasswordChangeService(deps);
  const emailCodes = createEmailCodesService(deps);
  const consumers = createConsumersService(deps);
  const security = createAccountSecurityService(deps);
  const events = createEventsService(deps);
  const settings = createSettingsService(deps);
  const cookies = sessionCookieNames(secure);
  registerAuth(app, { adminAuth, consumerAuth, cookies });

  const adminCookie = {
    name: cookies.admin,
    secure,
    sameSite: 'strict' as const,
    maxAgeSeconds: adminSessionLifetime.absoluteMs / 1000,
  };
  const consumerCookie = {
    name: cookies.consumer,
    secure,
    sameSite: 'lax' as const,
    maxAgeSeconds: consumerSessionLifetime.absoluteMs / 1000,
  };

  const isReady = options.isReady ?? (() => true);
  await app.register(healthRoutes, {
    ping: async () => {
      if (!isReady()) throw new Error('database migrations have not run yet');
      await database.ping();
    },
  });
  await app.register(adminAuthRoutes, { prefix: '/api/admin/v1', adminAuth, cookie: adminCookie });
  await app.register(consumersRoutes, { prefix: '/api/admin/v1/consumers', consumers });
  await app.register(accountSecurityRoutes, { prefix: '/api/admin/v1/consumers', security });
  await app.register(eventsRoutes, { prefix: '/api/admin/v1/events', events });
  await app.register(settingsRoutes, { prefix: '/api/admin/v1/settings', settings });
  await app.register(consumerAuthRoutes, {
    prefix: '/api/v1',
    consumerAuth,
    passwords,
    emailCodes,
    cookie: consumerCookie,
    challengeCookie: { ...consumerCookie, name: cookies.challenge, maxAgeSeconds: 10 * 60 },
  });
  if (config.NODE_ENV !== 'production' && !config.SMTP_URL) {
    await app.register(devMailboxRoutes, { db: database.db });
  }
  await registerWebApp(app, options.webRoot ?? defaultWebRoot);
  return app;
}
