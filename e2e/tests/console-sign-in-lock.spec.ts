import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signInConsumerApi } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

describe.skipIf(!chromiumAvailable)('A locked-out consumer in the console (SR-85, SR-49)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  it('the Overview shows the lock, and Reset the password lifts it', async () => {
    const { consumer } = await api.createConsumer();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await signInConsumerApi(server.url, consumer.email, `not the password ${attempt}`);
    }

    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    const lockLine = page.getByText('Sign-in locked until');
    await lockLine.waitFor();
    await page.getByRole('tab', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Reset the password' });
    await section.getByRole('button', { name: 'Reset', exact: true }).click();
    await section
      .getByText("Copy the password before leaving the page; it isn't shown again.", {
        exact: false,
      })
      .waitFor();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('Last sign-in').waitFor();
    await lockLine.waitFor({ state: 'detached' });

    expect(await lockLine.count()).toBe(0);
  });
});
