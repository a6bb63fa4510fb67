import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** The status of a consumer's sign-in through the account API: 202 when a code must follow. */
async function signInStatus(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe.skipIf(!chromiumAvailable)(
  'Turn two-step verification on or off (guide procedure)',
  () => {
    let journey: ConsoleJourney;
    let server: RunningServer;
    let page: Page;
    let api: AdminApi;

    beforeAll(async () => {
      journey = await openConsoleJourney();
      ({ server, api, page } = journey);
    });
    afterAll(() => journey?.close());

    const choose = async (choice: 'Activate' | 'Deactivate') => {
      await page.getByRole('tab', { name: 'Security' }).click();
      await page.getByRole('button', { name: 'Two-step validation' }).click();
      const dialog = page.getByRole('dialog', { name: 'Two-step validation' });
      await dialog.getByRole('radio', { name: choice, exact: true }).check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      // A notice from an earlier save may still be showing: any one of them will do here, the
      // overview below is what proves the change.
      await page.getByText('Changes saved successfully', { exact: true }).first().waitFor();
      await dialog.waitFor({ state: 'hidden' });
    };

    const overviewTwoStep = async () => {
      await page.getByRole('tab', { name: 'Overview' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Overview' });
      const label = panel.getByText('Two-step validation', { exact: true });
      return (await label.locator('xpath=..').textContent()) ?? '';
    };

    it('admin activates then deactivates two-step validation; sign-in follows', async () => {
      const { consumer, credentials } = await api.createConsumer();
      await page.goto(`${server.url}/admin/users/${consumer.id}`);
      await expect.poll(overviewTwoStep).toContain('Off');

      await choose('Activate');

      await expect.poll(overviewTwoStep).toContain('On');
      expect(await signInStatus(server.url, consumer.email, credentials.temporaryPassword)).toBe(
        202,
      );

      await choose('Deactivate');

      await expect.poll(overviewTwoStep).toContain('Off');
      expect(await signInStatus(server.url, consumer.email, credentials.temporaryPassword)).toBe(
        200,
      );
    });
  },
);
