import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SettingsView } from '../../src/contracts/settings.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';

describe.skipIf(!chromiumAvailable)('Settings page of the console', () => {
  let journey: ConsoleJourney;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ api, page } = journey);
  });
  afterAll(() => journey?.close());

  const openSettings = async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await field(page, 'Global project limit').waitFor();
  };

  it('admin saves the settings and new accounts follow them', async () => {
    await openSettings();

    await field(page, 'Global project limit').fill('7');
    await page
      .getByRole('switch', { name: 'Two-step verification by default for new accounts' })
      .check();
    await field(page, 'Minimum password length').fill('14');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('Changes saved successfully', { exact: true }).waitFor();
    const saved = await api.call<SettingsView>('GET', '/settings');
    expect(saved.globalProjectLimit).toBe(7);
    expect(saved.twoStepDefault).toBe(true);
    expect(saved.passwordMinLength).toBe(14);
    const { consumer } = await api.createConsumer();
    expect(consumer.twoStepEnabled).toBe(true);
    expect(consumer.effectiveProjectLimit).toBe(7);
  });

  it('shows field errors next to their field, from the form and from the server', async () => {
    await openSettings();
    const before = await api.call<SettingsView>('GET', '/settings');

    await field(page, 'Minimum password length').fill('5');
    await page.getByRole('button', { name: 'Save' }).click();

    await page
      .getByText('Minimum password length must be from 8 to 128', { exact: true })
      .waitFor();
    expect(await field(page, 'Minimum password length').getAttribute('aria-invalid')).toBe('true');

    await field(page, 'Minimum password length').fill('12');
    await field(page, 'Protected test accounts pattern').fill('^(ab');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('Enter a valid regular expression', { exact: true }).waitFor();
    expect(await field(page, 'Protected test accounts pattern').getAttribute('aria-invalid')).toBe(
      'true',
    );
    const after = await api.call<SettingsView>('GET', '/settings');
    expect(after.version).toBe(before.version);
  });
});
