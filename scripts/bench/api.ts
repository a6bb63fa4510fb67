import { consumerPageSchema, type ConsumerPage } from '../../src/contracts/consumers.js';

const adminCookieNames = ['gh_admin', '__Host-gh_admin'];

/** Raised when the bench cannot even prepare: the server refused a request it needs. */
export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

export interface ApiClient {
  baseUrl: URL;
  /** `name=value` of the admin session, sent as the Cookie header on every request. */
  cookie: string;
  getJson(path: string): Promise<unknown>;
  getPage(path: string): Promise<ConsumerPage>;
}

async function failure(response: Response, what: string): Promise<BenchSetupError> {
  const body = (await response.text()).slice(0, 300);
  return new BenchSetupError(`${what} answered ${response.status}: ${body}`);
}

function sessionCookieFrom(response: Response): string {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    if (adminCookieNames.includes(name)) return pair;
  }
  throw new BenchSetupError(`sign-in set no ${adminCookieNames.join(' or ')} cookie`);
}

async function signIn(baseUrl: URL, email: string, password: string): Promise<string> {
  const response = await fetch(new URL('/api/admin/v1/session', baseUrl), {
    method: 'POST',
    // The server refuses writes without a same-origin Origin header.
    headers: { 'content-type': 'application/json', origin: baseUrl.origin },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw await failure(response, 'POST /api/admin/v1/session');
  return sessionCookieFrom(response);
}

export async function createApiClient(
  baseUrl: URL,
  email: string,
  password: string,
): Promise<ApiClient> {
  const cookie = await signIn(baseUrl, email, password);
  const getJson = async (path: string) => {
    const response = await fetch(new URL(path, baseUrl), { headers: { cookie } });
    if (!response.ok) throw await failure(response, `GET ${path}`);
    return response.json();
  };
  return {
    baseUrl,
    cookie,
    getJson,
    getPage: async (path) => consumerPageSchema.parse(await getJson(path)),
  };
}
