import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ConsumerPage } from '../../src/contracts/consumers.js';
import { uniqueEmail, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

describe.skipIf(!chromiumAvailable)('Countries list typed in a hurry', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let api: AdminApi;
  let page: Page;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  const countries = () => field(page, 'Countries').first();

  /** Replaces what the Countries field shows by typing, key by key, as a person does. */
  async function typeCountry(text: string) {
    await countries().fill('');
    await countries().pressSequentially(text);
  }

  async function openIdentityDialog(consumerId: string) {
    await page.goto(`${server.url}/admin/users/${consumerId}`);
    await page.getByRole('button', { name: 'Modify the identity' }).click();
    return page.getByRole('dialog', { name: 'Modify the identity' });
  }

  it('USA then Enter picks United States of America in the New form', async () => {
    const email = uniqueEmail('usa');
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('tab', { name: 'New' }).click();
    await field(page, 'First name').fill('Ada');
    await field(page, 'Name').fill(`Byron-${uniqueSuffix()}`);
    await field(page, 'Email address').fill(email);

    await typeCountry('USA');
    await page.keyboard.press('Enter');

    expect(await countries().inputValue()).toBe('United States of America');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Login Credentials').waitFor();
    const query = encodeURIComponent(email);
    const found = await api.call<ConsumerPage>('GET', `/consumers/search?q=${query}`);
    expect(found.items.map((item) => item.country)).toEqual(['US']);
  });

  it('France then Tab picks France in Modify the identity', async () => {
    const { consumer } = await api.createConsumer({ country: 'DE', phone: undefined });
    const dialog = await openIdentityDialog(consumer.id);

    await typeCountry('France');
    await page.keyboard.press('Tab');

    expect(await countries().inputValue()).toBe('France');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Modifications saved successfully').waitFor();
    expect((await api.getConsumer(consumer.id)).country).toBe('FR');
  });

  it('text that names no single country clears the field and shows its message', async () => {
    const { consumer } = await api.createConsumer({ country: 'DE', phone: undefined });
    const dialog = await openIdentityDialog(consumer.id);

    await typeCountry('Congo');
    await page.keyboard.press('Tab');

    await dialog.getByText('Countries: choose a country from the list', { exact: true }).waitFor();
    expect(await countries().inputValue()).toBe('');
    const saving = page.waitForResponse((response) => response.url().endsWith('/identity'));
    await dialog.getByRole('button', { name: 'Register' }).click();
    expect((await saving).status()).toBe(400);
    expect((await api.getConsumer(consumer.id)).country).toBe('DE');
  });
});
