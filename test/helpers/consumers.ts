import type { ConsumerView, CreateConsumerBody } from '../../src/contracts/consumers.js';
import { cookieHeader } from './build-app.js';
import type { TestApp } from './build-app.js';
import { consumerInput } from './factories.js';

export interface CreatedTestConsumer {
  consumer: ConsumerView;
  temporaryPassword: string;
}

/** Creates a consumer through the console API, as an administrator would. */
export async function createConsumer(
  t: TestApp,
  adminCookie: string,
  overrides: Partial<CreateConsumerBody> = {},
): Promise<CreatedTestConsumer> {
  const response = await t.request({
    method: 'POST',
    url: '/api/admin/v1/consumers',
    headers: { cookie: adminCookie },
    payload: consumerInput(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
  const body = response.json();
  return { consumer: body.consumer, temporaryPassword: body.credentials.temporaryPassword };
}

export function signInConsumer(t: TestApp, email: string, password: string) {
  return t.request({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
}

export function changePassword(
  t: TestApp,
  cookie: string,
  body: { newPassword: string; currentPassword?: string },
) {
  return t.request({
    method: 'POST',
    url: '/api/v1/me/password',
    headers: { cookie },
    payload: body,
  });
}

export interface ActiveTestConsumer {
  consumer: ConsumerView;
  password: string;
  cookie: string;
}

export interface SignedInOptions {
  password?: string;
  /** Force-activate first, so no email check stands between the session and every route. */
  activate?: boolean;
  input?: Partial<CreateConsumerBody>;
}

/** A consumer who signed in with the temporary password and chose a password of their own. */
export async function createSignedInConsumer(
  t: TestApp,
  adminCookie: string,
  options: SignedInOptions = {},
): Promise<ActiveTestConsumer> {
  const password = options.password ?? 'a quiet orchard at dawn';
  const { consumer, temporaryPassword } = await createConsumer(t, adminCookie, options.input);
  if (options.activate) await forceActivate(t, adminCookie, consumer.id);
  const first = await signInConsumer(t, consumer.email, temporaryPassword);
  if (first.statusCode !== 200) throw new Error(`temporary sign-in failed: ${first.body}`);
  const changed = await changePassword(t, cookieHeader(first), { newPassword: password });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.body}`);
  return { consumer, password, cookie: cookieHeader(changed) };
}

/** Moves a New consumer to Active, as the console's "Force account activation" does. */
export async function forceActivate(t: TestApp, adminCookie: string, id: string): Promise<void> {
  const response = await t.request({
    method: 'POST',
    url: `/api/admin/v1/consumers/${id}/force-activation`,
    headers: { cookie: adminCookie },
  });
  if (response.statusCode !== 200) throw new Error(`activation failed: ${response.body}`);
}
