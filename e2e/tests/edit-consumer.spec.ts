import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { uniqueEmail, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chooseCountry, chromiumAvailable, field } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** The record's labelled value, e.g. the text beside "Country" in the Identity section. */
async function recordValue(page: Page, section: string, label: string): Promise<string> {
  const region = page.getByRole('heading', { name: section, exact: true }).locator('../..');
  const item = region.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('..');
  return (await item.locator('dd').textContent()) ?? '';
}

describe.skipIf(!chromiumAvailable)("Edit a consumer's details (guide procedures)", () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let api: AdminApi;
  let page: Page;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  /** "Open the consumer (see Find a consumer)": Search, then the row's Details button. */
  async function openConsumer(lastName: string) {
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill(lastName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: 'Details' }).first().click();
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
  }

  it('changes the name and country with Modify the identity, then Register', async () => {
    const { consumer } = await api.createConsumer({ lastName: `Petit-${uniqueSuffix()}` });
    const newName = `Okafor-${uniqueSuffix()}`;
    await openConsumer(consumer.lastName);

    await page.getByRole('button', { name: 'Modify the identity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modify the identity' });
    await field(page, 'First name').fill('Chidi');
    await field(page, 'Name').fill(newName);
    await chooseCountry(page, 'Nigeria');
    await dialog.getByRole('button', { name: 'Register' }).click();

    await page.getByText('Modifications saved successfully').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: `Chidi ${newName}` }).waitFor();
    expect(await recordValue(page, 'Identity', 'First name')).toBe('Chidi');
    expect(await recordValue(page, 'Identity', 'Name')).toBe(newName);
    expect(await recordValue(page, 'Identity', 'Country')).toBe('Nigeria');
    const stored = await api.getConsumer(consumer.id);
    expect(stored).toMatchObject({ firstName: 'Chidi', lastName: newName, country: 'NG' });
  });

  it('changes the email and phone with Edit Coordinates, then Register', async () => {
    const { consumer } = await api.createConsumer({ lastName: `Lambert-${uniqueSuffix()}` });
    const newEmail = uniqueEmail('new.address');
    await openConsumer(consumer.lastName);

    await page.getByRole('button', { name: 'Edit Coordinates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Coordinates' });
    await field(page, 'Email address').fill(newEmail);
    await field(page, 'Phone number').fill('07 98 76 54 32');
    await dialog.getByRole('button', { name: 'Register' }).click();

    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => recordValue(page, 'Coordinates', 'Email address')).toContain(newEmail);
    expect(await recordValue(page, 'Coordinates', 'Phone number')).toContain('+33 7 98 76 54 32');
    const stored = await api.getConsumer(consumer.id);
    expect(stored).toMatchObject({ email: newEmail, phone: '+33798765432' });
  });

  it('says the record changed meanwhile and shows the current values when another save won', async () => {
    const { consumer } = await api.createConsumer({ lastName: `Moreau-${uniqueSuffix()}` });
    const theirName = `Dubois-${uniqueSuffix()}`;
    await openConsumer(consumer.lastName);
    await page.getByRole('button', { name: 'Modify the identity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modify the identity' });
    await field(page, 'First name').fill('Mine');

    // Another administrator saves first, against the version this page also holds.
    await api.call(
      'PATCH',
      `/consumers/${consumer.id}/identity`,
      { firstName: consumer.firstName, lastName: theirName, country: consumer.country },
      { 'if-match': `"${consumer.version}"` },
    );
    await dialog.getByRole('button', { name: 'Register' }).click();

    await dialog.getByText('This record was changed meanwhile').waitFor();
    expect(await field(page, 'Name').inputValue()).toBe(theirName);
    expect(await field(page, 'First name').inputValue()).toBe(consumer.firstName);
    const stored = await api.getConsumer(consumer.id);
    expect(stored).toMatchObject({ lastName: theirName, firstName: consumer.firstName });
  });
});
