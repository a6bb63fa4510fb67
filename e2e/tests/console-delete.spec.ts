import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiCallError, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

async function signInStatus(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe.skipIf(!chromiumAvailable)('Delete a consumer (guide procedure)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  const deleteButton = () => page.getByRole('button', { name: 'Delete', exact: true });

  const openDeletion = async (consumerId: string) => {
    await page.goto(`${server.url}/admin/users/${consumerId}`);
    await page.getByRole('tab', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Delete the account' });
    await section.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'What happens?' }).waitFor();
  };

  const confirmDeletion = async (consumerId: string) => {
    await openDeletion(consumerId);
    await deleteButton().click();
  };

  it('admin deletes the account for good and is back on the Users list with a notice', async () => {
    const { consumer, credentials } = await api.createConsumer();

    await confirmDeletion(consumer.id);

    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText('The account was deleted permanently.', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    const lookup = await api.getConsumer(consumer.id).catch((error: unknown) => error);
    expect(lookup).toBeInstanceOf(ApiCallError);
    expect(lookup instanceof ApiCallError && lookup.status).toBe(404);
    expect(await signInStatus(server.url, consumer.email, credentials.temporaryPassword)).toBe(401);
  });

  it('a protected test account shows This test account is protected and is kept', async () => {
    const email = `q${uniqueSuffix().slice(0, 1)}_${uniqueSuffix().slice(0, 5)}@owoxo.dev`;
    const { consumer } = await api.createConsumer({ email });

    await openDeletion(consumer.id);

    // Said before any click, with the button shown disabled; the server still refuses on its own.
    await page
      .getByRole('alert')
      .getByText('This test account is protected', { exact: true })
      .waitFor();
    expect(await deleteButton().isDisabled()).toBe(true);
    expect((await api.getConsumer(consumer.id)).id).toBe(consumer.id);
    const refusal = await api.deleteConsumer(consumer.id).catch((error: unknown) => error);
    expect(refusal instanceof ApiCallError && refusal.status).toBe(422);
    expect((await api.getConsumer(consumer.id)).version).toBe(consumer.version);
  });
});
