import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiCallError, createActiveConsumer, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** A consumer's sign-in through the account API: its status, error code and cookie. */
async function signInConsumer(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  return { status: response.status, code: body.error?.code, cookie };
}

async function meStatus(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${new URL(baseUrl).origin}/api/v1/me`, { headers: { cookie } });
  return response.status;
}

describe.skipIf(!chromiumAvailable)('Suspend a consumer (guide procedure)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  const suspendButton = () => page.getByRole('button', { name: 'Suspend', exact: true });

  const openSuspension = async (consumerId: string) => {
    await page.goto(`${server.url}/admin/users/${consumerId}`);
    await page.getByRole('link', { name: 'Suspend the user' }).click();
    await page.getByRole('heading', { name: 'What happens?' }).waitFor();
  };

  const confirmSuspension = async (consumerId: string) => {
    await openSuspension(consumerId);
    await suspendButton().click();
  };

  it('admin suspends from the Overview tab; sessions end and sign-in is refused', async () => {
    // A password of the consumer's own: the suspension voids an unused temporary one (SR-45).
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    const before = await signInConsumer(server.url, email, password);
    expect(await meStatus(server.url, before.cookie)).toBe(200);

    await confirmSuspension(consumer.id);

    await page.getByRole('link', { name: 'Restore the user' }).waitFor();
    expect(await page.getByRole('link', { name: 'Suspend the user' }).count()).toBe(0);
    expect((await api.getConsumer(consumer.id)).status).toBe('suspended');
    expect(await meStatus(server.url, before.cookie)).toBe(401);
    const after = await signInConsumer(server.url, email, password);
    expect(after.status).toBe(403);
    expect(after.code).toBe('auth.account_suspended');
  });

  it('a protected test account shows This test account is protected and stays as it was', async () => {
    const email = `t${uniqueSuffix().slice(0, 1)}_${uniqueSuffix().slice(0, 5)}@owoxo.dev`;
    const { consumer } = await api.createConsumer({ email });

    await openSuspension(consumer.id);

    // Said before any click, with the button shown disabled; the server still refuses on its own.
    await page
      .getByRole('alert')
      .getByText('This test account is protected', { exact: true })
      .waitFor();
    expect(await suspendButton().isDisabled()).toBe(true);
    expect((await api.getConsumer(consumer.id)).status).toBe('new');
    const refusal = await api.suspend(consumer.id).catch((error: unknown) => error);
    expect(refusal instanceof ApiCallError && refusal.status).toBe(422);
    expect((await api.getConsumer(consumer.id)).status).toBe('new');
  });
});
