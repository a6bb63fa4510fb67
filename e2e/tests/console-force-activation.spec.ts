import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

const alreadyActivated = "The user's account is already activated";

describe.skipIf(!chromiumAvailable)('Activate a consumer immediately (guide procedure)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  it('admin forces a New account to active from the Security tab', async () => {
    const { consumer } = await api.createConsumer();
    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    await page.getByRole('tab', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Force account activation' });

    await section.getByRole('link', { name: 'Force activation' }).click();
    await page.getByRole('heading', { name: 'What happens?' }).waitFor();
    expect(page.url()).toBe(`${server.url}/admin/users/${consumer.id}/force-activation`);
    await page.getByRole('button', { name: 'Force activation' }).click();

    await section.getByText(alreadyActivated, { exact: true }).waitFor();
    expect(await section.getByRole('link', { name: 'Force activation' }).count()).toBe(0);
    const activated = await api.getConsumer(consumer.id);
    expect(activated.status).toBe('active');
    expect(activated.emailVerifiedAt).toBeNull();
  });

  it("shows The user's account is already activated on the confirmation page of an active account", async () => {
    const { consumer } = await api.createConsumer();
    await api.forceActivation(consumer.id);

    await page.goto(`${server.url}/admin/users/${consumer.id}/force-activation`);

    await page.getByText(alreadyActivated, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Force activation' }).count()).toBe(0);
  });
});
