export interface AppErrorOptions {
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
  headers?: Record<string, string> | undefined;
}

/**
 * The one error type services throw for expected refusals. The error handler turns it into
 * `{ error: { code, message, details? } }` with `status`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** 400 naming each field that is wrong and why. */
export function validationError(issues: FieldIssue[]): AppError {
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  return new AppError(400, 'validation.invalid_input', summary || 'The request is not valid.', {
    details: { issues },
  });
}

export function fieldError(field: string, message: string, code?: string): AppError {
  const error = validationError([{ field, message }]);
  return code ? new AppError(400, code, error.message, { details: error.details }) : error;
}
