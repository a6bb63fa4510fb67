import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  consumerSessionsSchema,
  passwordResetSchema,
  projectLimitBodySchema,
  twoStepBodySchema,
} from '../../../contracts/account-security.js';
import { consumerSchema } from '../../../contracts/consumers.js';
import { auditOf } from '../../plugins/auth.js';
import type { AccountSecurityService } from './account-security.service.js';

export interface AccountSecurityRoutesOptions {
  security: AccountSecurityService;
}

const params = z.strictObject({ consumerId: z.uuid('consumerId must be a UUID') });
const tags = ['account security'];
const admin = { auth: 'admin' as const };

export const accountSecurityRoutes: FastifyPluginAsyncZod<AccountSecurityRoutesOptions> = async (
  app,
  { security },
) => {
  /** The bodiless state changes of the record: one POST each. */
  const actions = {
    suspend: ['Suspend the user', security.suspend],
    restore: ['Restore the user', security.restore],
    'force-activation': ['Force account activation', security.forceActivate],
    'require-password-change': ['Require a new password', security.requirePasswordChange],
    'sign-out-everywhere': ['Log out of every device', security.signOutEverywhere],
  } as const;

  for (const [path, [summary, run]] of Object.entries(actions)) {
    app.post(
      `/:consumerId/${path}`,
      { config: admin, schema: { tags, summary, params, response: { 200: consumerSchema } } },
      async (request) => run(request.params.consumerId, auditOf(request)),
    );
  }

  app.post(
    '/:consumerId/password-reset',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Reset the password: a new temporary one, shown once',
        params,
        response: { 200: passwordResetSchema },
      },
    },
    async (request) => security.resetPassword(request.params.consumerId, auditOf(request)),
  );

  app.put(
    '/:consumerId/two-step',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Turn two-step validation on or off',
        params,
        body: twoStepBodySchema,
        response: { 200: consumerSchema },
      },
    },
    async (request) =>
      security.setTwoStep(request.params.consumerId, request.body.enabled, auditOf(request)),
  );

  app.put(
    '/:consumerId/project-limit',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set the project limit (0 follows the global limit)',
        params,
        body: projectLimitBodySchema,
        response: { 200: consumerSchema },
      },
    },
    async (request) =>
      security.setProjectLimit(
        request.params.consumerId,
        request.body.projectLimit,
        auditOf(request),
      ),
  );

  app.get(
    '/:consumerId/sessions',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Active sessions of the consumer',
        params,
        response: { 200: consumerSessionsSchema },
      },
    },
    async (request) => ({ items: await security.listSessions(request.params.consumerId) }),
  );

  app.delete(
    '/:consumerId',
    { config: admin, schema: { tags, summary: 'Delete the account for good', params } },
    async (request, reply) => {
      await security.deleteAccount(request.params.consumerId, auditOf(request));
      return reply.code(204).send();
    },
  );
};
