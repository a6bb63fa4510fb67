import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActiveConsumer } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** A consumer's sign-in through the account API: its status and the profile it answered. */
async function signInConsumer(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { consumer?: { verificationRequired: boolean } };
  return { status: response.status, consumer: body.consumer };
}

describe.skipIf(!chromiumAvailable)('Restore a suspended consumer (guide procedure)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  it('admin restores an activated account; it must verify again at the next sign-in', async () => {
    // A password of the consumer's own: the suspension voided any unused temporary one (SR-45).
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    await api.suspend(consumer.id);

    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    await page.getByRole('link', { name: 'Restore the user' }).click();
    await page.getByRole('heading', { name: 'What happens?' }).waitFor();
    expect(await page.getByText(/must verify their account again/).count()).toBe(1);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();

    await page.getByRole('link', { name: 'Suspend the user' }).waitFor();
    expect(await page.getByRole('link', { name: 'Restore the user' }).count()).toBe(0);
    const restored = await api.getConsumer(consumer.id);
    expect(restored.status).toBe('active');
    expect(restored.verificationRequired).toBe(true);
    const signIn = await signInConsumer(server.url, email, password);
    expect(signIn.status).toBe(200);
    expect(signIn.consumer?.verificationRequired).toBe(true);
  });

  it('offers no Restore on an account that is not suspended', async () => {
    const { consumer } = await api.createConsumer();

    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    await page.getByRole('link', { name: 'Suspend the user' }).waitFor();
    expect(await page.getByRole('link', { name: 'Restore the user' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/users/${consumer.id}/restore`);

    await page.getByText('Only a suspended account can be restored.', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Restore', exact: true }).count()).toBe(0);
  });
});
