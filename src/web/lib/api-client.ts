import type { z } from 'zod';

export interface FieldIssue {
  field: string;
  message: string;
}

const genericServerMessage = 'Something went wrong on our side. Please try again in a moment.';
const networkMessage = 'The server could not be reached. Check your connection and try again.';

/** A refused or failed API call: the server's error body, or a stand-in when there was none. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly issues: FieldIssue[];
  /** The API path that answered, without its query string. */
  readonly path: string;

  constructor(
    path: string,
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.path = path;
    this.status = status;
    this.code = code;
    this.details = details;
    this.issues = readIssues(details);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIssues(details: Record<string, unknown>): FieldIssue[] {
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) =>
    isRecord(issue) && typeof issue.field === 'string' && typeof issue.message === 'string'
      ? [{ field: issue.field, message: issue.message }]
      : [],
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** 4xx keep the server's own message; 5xx and unreadable bodies get a generic one. */
function toApiError(path: string, status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `http.${status}`;
  const details = isRecord(error.details) ? error.details : {};
  const serverMessage = typeof error.message === 'string' ? error.message : '';
  const message =
    status >= 400 && status < 500 && serverMessage ? serverMessage : genericServerMessage;
  return new ApiError(path, status, code, message, details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | null | undefined>;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(path, 0, 'network.unreachable', networkMessage);
  }
}

/** Calls the API and checks the reply against the shared contract schema. */
export async function requestJson<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.infer<Schema>> {
  const response = await send(path, options);
  const body = await readJson(response);
  if (!response.ok) throw toApiError(path, response.status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    // The server and this app disagree on the contract: say where, for whoever reads the console.
    console.error('Unexpected API response', path, parsed.error.issues);
    throw new ApiError(path, response.status, 'response.unexpected', genericServerMessage);
  }
  return parsed.data;
}

/** For calls answered with an empty body (204). */
export async function requestEmpty(path: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(path, options);
  if (!response.ok) throw toApiError(path, response.status, await readJson(response));
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The text to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : genericServerMessage;
}
