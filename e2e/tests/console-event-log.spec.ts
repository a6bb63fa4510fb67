import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field } from '../fixtures/browser.js';
import { e2eAdmin } from '../fixtures/server.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

describe.skipIf(!chromiumAvailable)('Event log page of the console', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  const bodyRows = () => page.locator('tbody tr');

  it('the record links to its own entries, newest first, with actor and before → after', async () => {
    const { consumer } = await api.createConsumer({ lastName: 'Logged' });
    await api.suspend(consumer.id);
    const other = await api.createConsumer();

    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    await page.getByRole('link', { name: 'Event log of this account' }).click();
    await page.getByRole('heading', { name: 'Event log' }).waitFor();
    await page.getByRole('cell', { name: 'Account suspended' }).waitFor();

    expect(new URL(page.url()).searchParams.get('consumerId')).toBe(consumer.id);
    const rows = await bodyRows().allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Account suspended');
    expect(rows[0]).toContain(e2eAdmin.email);
    expect(rows[0]).toContain('Status: New → Suspended');
    expect(rows[1]).toContain('Account created');
    expect(rows.join(' ')).not.toContain(other.consumer.lastName);
    await page.getByRole('link', { name: 'Inès Logged' }).first().click();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/users/${consumer.id}`);
  });

  it('filters by consumer, administrator, action and date range', async () => {
    const { consumer } = await api.createConsumer({ lastName: 'Filtered' });
    await api.setTwoStep(consumer.id, true);
    await page.goto(`${server.url}/admin/events`);

    await page.getByRole('combobox', { name: 'Consumer' }).fill('Filtered');
    await page.getByRole('option', { name: `Inès Filtered · ${consumer.email}` }).click();
    await page.getByRole('combobox', { name: 'Administrator' }).click();
    await page.getByRole('option', { name: `${e2eAdmin.email} (you)` }).click();

    await expect.poll(() => bodyRows().count()).toBe(2);
    const params = new URL(page.url()).searchParams;
    expect(params.get('consumerId')).toBe(consumer.id);
    expect(params.get('adminId')).toMatch(/^[0-9a-f-]{36}$/);

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Account created' }).click();

    await expect.poll(() => bodyRows().count()).toBe(1);
    expect(await bodyRows().first().textContent()).toContain('Account created');
    expect(new URL(page.url()).searchParams.get('action')).toBe('consumer.created');

    await field(page, 'From').fill('2999-01-01');

    await page.getByText('No result', { exact: true }).waitFor();
  });

  it('pages through the log with Next and Previous', async () => {
    const { consumer } = await api.createConsumer();
    for (let turn = 0; turn < 30; turn += 1) await api.setTwoStep(consumer.id, turn % 2 === 0);
    await page.goto(`${server.url}/admin/events?consumerId=${consumer.id}`);
    await expect.poll(() => bodyRows().count()).toBe(25);
    const firstPage = await bodyRows().first().textContent();

    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('cell', { name: 'Account created' }).waitFor();
    expect(await bodyRows().count()).toBe(6);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Previous' }).click();

    await expect.poll(() => bodyRows().count()).toBe(25);
    expect(await bodyRows().first().textContent()).toBe(firstPage);
  });
});
