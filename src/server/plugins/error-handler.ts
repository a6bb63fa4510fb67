import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

import { AppError } from '../shared/errors.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId?: string };
}

const clientErrorCodes: Record<number, string> = {
  400: 'request.invalid',
  404: 'request.not_found',
  405: 'request.method_not_allowed',
  406: 'request.not_acceptable',
  413: 'request.body_too_large',
  415: 'request.unsupported_media_type',
  429: 'request.rate_limited',
};

function issueField(path: string): string {
  return path.replace(/^\//, '').replaceAll('/', '.') || 'body';
}

/** PostgreSQL could not be reached or is shutting down: the client may retry (SR-120). */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    code === 'ECONNREFUSED' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '08006' ||
    code === '08001' ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  );
}

/**
 * One place turns every failure into the shared JSON error shape. Expected refusals keep their
 * code; anything else is logged with its stack and answered without internals (SR-68).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        field: issueField(issue.instancePath),
        message: issue.message ?? 'is not valid',
      }));
      const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      return reply.code(400).send({
        error: { code: 'validation.invalid_input', message: summary, details: { issues } },
      } satisfies ErrorBody);
    }
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.details) body.error.details = error.details;
      return reply.code(error.status).send(body);
    }
    const cause = (error as { cause?: unknown }).cause;
    if (isDatabaseUnavailable(error) || isDatabaseUnavailable(cause)) {
      request.log.error({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({
          error: { code: 'service.unavailable', message: 'The service is briefly unavailable.' },
        } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'request.invalid' : undefined;
      return reply.code(status).send({
        error: {
          code: code ?? clientErrorCodes[status] ?? 'request.invalid',
          message: error.message,
        },
      } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side.',
        requestId: request.id,
      },
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: { code: 'request.not_found', message: `No route for ${request.method} this path.` },
    } satisfies ErrorBody);
  });
}
