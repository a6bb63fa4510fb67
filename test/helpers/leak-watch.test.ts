import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';

import { LeakWatch } from './leak-watch.js';

/** Just what LeakWatch reads of a response. */
function jsonResponse(body: unknown, cookies: { value: string }[] = []): LightMyRequestResponse {
  return {
    cookies,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  } as unknown as LightMyRequestResponse;
}

// Every test app runs this check when it closes, over every response of its file: it is how the
// suite proves no response carries a secret-looking key and no issued secret is logged.
describe('LeakWatch (SR-103, SR-39)', () => {
  it.each([
    ['passwordHash', { consumer: { id: 'x', passwordHash: '$argon2id$…' } }],
    ['a token', { items: [{ sessionToken: 'abc' }] }],
    ['a code', { verification: { code: '123456' } }],
    ['a secret', { apiKey: { secret: 'k' } }],
    ['a salt', { salt: 's' }],
    ['a password', { consumer: { password: 'p' } }],
  ])('fails on a response carrying %s', (_label, body) => {
    const watch = new LeakWatch();

    watch.observe('/api/admin/v1/consumers/x', jsonResponse(body));

    expect(() => watch.assertNoLeaks('')).toThrow(/SR-103/);
  });

  it('allows the error code and the temporary password of the issuing answers', () => {
    const watch = new LeakWatch();

    watch.observe(
      '/api/v1/session',
      jsonResponse({ error: { code: 'auth.invalid', message: '' } }),
    );
    watch.observe(
      '/api/admin/v1/consumers',
      jsonResponse({ consumer: { id: 'x' }, credentials: { temporaryPassword: 'ABCD' } }),
    );

    expect(() => watch.assertNoLeaks('{"msg":"created"}')).not.toThrow();
  });

  it('fails when an issued cookie or temporary password reached the logs', () => {
    const cookieWatch = new LeakWatch();
    const passwordWatch = new LeakWatch();

    cookieWatch.observe('/api/v1/session', jsonResponse({}, [{ value: 'session-token-value' }]));
    passwordWatch.observe(
      '/api/admin/v1/consumers',
      jsonResponse({ credentials: { temporaryPassword: 'K7QM2X9PZRT4WB6N' } }),
    );

    expect(() => cookieWatch.assertNoLeaks('{"cookie":"session-token-value"}')).toThrow(/SR-39/);
    expect(() => passwordWatch.assertNoLeaks('{"msg":"K7QM2X9PZRT4WB6N"}')).toThrow(/SR-39/);
  });
});
