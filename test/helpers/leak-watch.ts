import type { LightMyRequestResponse } from 'fastify';

// SR-103: no response key may look like a secret. `error.code` is the error's name, not a secret.
const secretLikeKey = /hash|secret|token|code|salt|^password$/i;
const allowedPaths = new Set(['error.code']);

/**
 * Watches the responses of one test app: remembers every secret it issued (session cookies,
 * temporary passwords) and every secret-looking key a JSON body carried.
 */
export class LeakWatch {
  private readonly secrets = new Set<string>();
  private readonly badKeys = new Set<string>();

  observe(url: string, response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.value) this.secrets.add(cookie.value);
    }
    if (url.startsWith('/api/docs')) return;
    if (!response.headers['content-type']?.toString().startsWith('application/json')) return;
    const body: unknown = JSON.parse(response.body || 'null');
    const temporaryPassword = (body as { credentials?: { temporaryPassword?: unknown } } | null)
      ?.credentials?.temporaryPassword;
    if (typeof temporaryPassword === 'string') this.secrets.add(temporaryPassword);
    for (const path of keyPaths(body)) {
      const key = path.split('.').at(-1) ?? '';
      if (secretLikeKey.test(key) && !allowedPaths.has(path)) this.badKeys.add(`${url}: ${path}`);
    }
  }

  issuedSecrets(): string[] {
    return [...this.secrets];
  }

  assertNoLeaks(logs: string): void {
    const logged = [...this.secrets].filter((secret) => logs.includes(secret));
    if (logged.length > 0) {
      throw new Error(`${logged.length} issued secret(s) appear in the captured logs (SR-39)`);
    }
    if (this.badKeys.size > 0) {
      throw new Error(`responses carried secret-looking keys (SR-103): ${[...this.badKeys]}`);
    }
  }
}

/** Dotted paths of every object key in a JSON value; array indexes are left out. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, prefix));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...keyPaths(child, path)];
  });
}
