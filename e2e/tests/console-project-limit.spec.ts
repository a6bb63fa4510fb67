import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** The "In effect: …" line of the Project limit card, once it shows `limit`. */
async function inEffect(section: Locator, limit: string): Promise<string> {
  await section.getByText(limit, { exact: true }).waitFor();
  return (await section.getByText(/^In effect:/).textContent()) ?? '';
}

describe.skipIf(!chromiumAvailable)(
  'Set how many projects a consumer can own (guide procedure)',
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

    const openSection = async (consumerId: string) => {
      await page.goto(`${server.url}/admin/users/${consumerId}`);
      await page.getByRole('tab', { name: 'Security' }).click();
      return page.getByRole('region', { name: 'Project limit' });
    };

    it('admin saves a per-consumer limit, and 0 goes back to the global limit', async () => {
      const { consumer } = await api.createConsumer();
      const section = await openSection(consumer.id);
      expect(await inEffect(section, '3 projects')).toContain('the global limit from Settings');

      await field(page, 'Maximum number of projects').fill('25');
      await section.getByRole('button', { name: 'Save' }).click();

      await page.getByText('Changes saved successfully', { exact: true }).waitFor();
      expect(await inEffect(section, '25 projects')).toBe(
        'In effect: 25 projects, set for this consumer; it overrides the global limit.',
      );
      expect((await api.getConsumer(consumer.id)).projectLimit).toBe(25);

      await field(page, 'Maximum number of projects').fill('0');
      await section.getByRole('button', { name: 'Save' }).click();

      expect(await inEffect(section, '3 projects')).toContain('the global limit from Settings');
      expect((await api.getConsumer(consumer.id)).projectLimit).toBe(0);
    });

    it('a value out of range gets a field error and nothing is saved', async () => {
      const { consumer } = await api.createConsumer();
      const section = await openSection(consumer.id);
      const limitField = field(page, 'Maximum number of projects');

      await limitField.fill('10001');
      await section.getByRole('button', { name: 'Save' }).click();

      await section.getByText('Enter a whole number from 0 to 10,000', { exact: true }).waitFor();
      expect(await limitField.getAttribute('aria-invalid')).toBe('true');
      expect((await api.getConsumer(consumer.id)).projectLimit).toBe(0);

      await limitField.fill('');
      await section.getByRole('button', { name: 'Save' }).click();

      await section.getByText('Enter a whole number from 0 to 10,000', { exact: true }).waitFor();
    });

    it('keeps what is typed, so -1, 1.5 and 1e3 are refused rather than saved as 1, 15, 13', async () => {
      const { consumer } = await api.createConsumer();
      const section = await openSection(consumer.id);
      const limitField = field(page, 'Maximum number of projects');

      for (const typed of ['-1', '1.5', '1e3']) {
        await limitField.fill('');
        await limitField.pressSequentially(typed);
        await section.getByRole('button', { name: 'Save' }).click();

        expect(await limitField.inputValue()).toBe(typed);
        await section.getByText('Enter a whole number from 0 to 10,000', { exact: true }).waitFor();
      }
      expect((await api.getConsumer(consumer.id)).projectLimit).toBe(0);
    });
  },
);
