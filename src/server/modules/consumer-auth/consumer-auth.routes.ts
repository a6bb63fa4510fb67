import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  changePasswordBodySchema,
  codeBodySchema,
  codeSentSchema,
  consumerProfileSchema,
  signInBodySchema,
  twoStepRequiredSchema,
} from '../../../contracts/auth.js';
import { auditOf, currentConsumer } from '../../plugins/auth.js';
import { clearSessionCookie, expireCookie, setSessionCookie } from '../../plugins/cookies.js';
import type { SessionCookieSettings } from '../../plugins/cookies.js';
import { invalidCode } from '../verification/verification.service.js';
import type { ConsumerAuthService } from './consumer-auth.service.js';
import { toConsumerProfile } from './consumer-session.js';
import type { EmailCodesService } from './email-codes.service.js';
import type { PasswordChangeService } from './password-change.service.js';

export interface ConsumerAuthRoutesOptions {
  consumerAuth: ConsumerAuthService;
  passwords: PasswordChangeService;
  emailCodes: EmailCodesService;
  cookie: SessionCookieSettings;
  /** Binds a sign-in's second step to the browser that passed the first. */
  challengeCookie: SessionCookieSettings;
}

const profileReply = z.object({ consumer: consumerProfileSchema });
const tags = ['account'];
const restricted = { auth: 'consumer-restricted' as const };

export const consumerAuthRoutes: FastifyPluginAsyncZod<ConsumerAuthRoutesOptions> = async (
  app,
  { consumerAuth, passwords, emailCodes, cookie, challengeCookie },
) => {
  app.post(
    '/session',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in (202 when an emailed sign-in code must follow)',
        body: signInBodySchema,
        response: { 200: profileReply, 202: twoStepRequiredSchema },
      },
    },
    async (request, reply) => {
      const outcome = await consumerAuth.signIn(
        request.body.email,
        request.body.password,
        auditOf(request),
      );
      reply.header('cache-control', 'no-store');
      if (outcome.kind === 'two-step') {
        setSessionCookie(reply, challengeCookie, outcome.challengeToken);
        return reply.code(202).send({ twoStepRequired: true as const, sentTo: outcome.sentTo });
      }
      setSessionCookie(reply, cookie, outcome.token);
      return { consumer: outcome.profile };
    },
  );

  app.post(
    '/session/two-step',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Second step of a sign-in: the emailed code',
        body: codeBodySchema,
        response: { 200: profileReply },
      },
    },
    async (request, reply) => {
      const challenge = request.cookies[challengeCookie.name];
      if (!challenge) throw invalidCode();
      const { token, profile } = await emailCodes.completeTwoStep(
        challenge,
        request.body.code,
        auditOf(request),
      );
      expireCookie(reply, challengeCookie);
      setSessionCookie(reply, cookie, token);
      reply.header('cache-control', 'no-store');
      return { consumer: profile };
    },
  );

  app.post(
    '/session/two-step/resend',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Send a new sign-in code', response: { 200: codeSentSchema } },
    },
    async (request) => {
      const challenge = request.cookies[challengeCookie.name];
      if (!challenge) throw invalidCode();
      return emailCodes.resendTwoStep(challenge, auditOf(request));
    },
  );

  app.delete(
    '/session',
    { config: restricted, schema: { tags, summary: 'Sign out' } },
    async (request, reply) => {
      await consumerAuth.signOut(currentConsumer(request), auditOf(request));
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: restricted,
      schema: { tags, summary: 'The signed-in consumer', response: { 200: profileReply } },
    },
    async (request) => ({ consumer: toConsumerProfile(currentConsumer(request).consumer) }),
  );

  app.post(
    '/me/password',
    {
      config: restricted,
      schema: {
        tags,
        summary: 'Change the password (required after a temporary one)',
        body: changePasswordBodySchema,
        response: { 200: profileReply },
      },
    },
    async (request, reply) => {
      const { token, profile } = await passwords.changePassword(
        currentConsumer(request),
        request.body,
        auditOf(request),
      );
      setSessionCookie(reply, cookie, token);
      return { consumer: profile };
    },
  );

  app.post(
    '/me/email-verification',
    {
      config: restricted,
      schema: {
        tags,
        summary: 'Send the email-check code again',
        response: { 200: codeSentSchema },
      },
    },
    async (request) => emailCodes.requestEmailCheck(currentConsumer(request), auditOf(request)),
  );

  app.post(
    '/me/email-verification/confirm',
    {
      config: restricted,
      schema: {
        tags,
        summary: 'Enter the email-check code',
        body: codeBodySchema,
        response: { 200: profileReply },
      },
    },
    async (request) =>
      emailCodes.confirmEmailCheck(currentConsumer(request), request.body.code, auditOf(request)),
  );
};
