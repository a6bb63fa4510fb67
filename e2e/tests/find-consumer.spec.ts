import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { signInAdminApi, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi, CreatedConsumerReply } from '../fixtures/api.js';
import { chromiumAvailable, launchBrowser, signInToConsole } from '../fixtures/browser.js';
import { e2eAdmin, startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

/** One more than a console page holds (20), so Next has somewhere to go. */
const accountCount = 21;
const activatedCount = 2;

/** The table's data rows (the header row holds column headers, not cells). */
function dataRows(page: Page) {
  return page.getByRole('row').filter({ has: page.getByRole('cell') });
}

function filterCard(page: Page, label: string) {
  return page.getByRole('button', { name: new RegExp(`^${label}`) });
}

/** The Search sub-tab's box (its tab panel carries the same name, hence the role). */
function searchBox(page: Page) {
  return page.getByRole('textbox', { name: 'Search' });
}

async function waitForRowCount(page: Page, count: number) {
  await expect.poll(() => dataRows(page).count(), { timeout: 10_000 }).toBe(count);
}

describe.skipIf(!chromiumAvailable)('Find a consumer (guide procedure)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: AdminApi;
  let page: Page;
  const tag = uniqueSuffix();
  const created: CreatedConsumerReply[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await signInAdminApi(server.url);
    for (let index = 0; index < accountCount; index += 1) {
      const phone = index === 7 ? '+33 6 98 76 54 32' : '06 12 34 56 78';
      created.push(await api.createConsumer({ lastName: `Durand-${tag}-${index}`, phone }));
    }
    for (const { consumer } of created.slice(0, activatedCount)) {
      await api.forceActivation(consumer.id);
    }
    page = await browser.newPage();
    await signInToConsole(page, server.url, e2eAdmin.email, e2eAdmin.password);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
  });

  const newest = () => created[created.length - 1]!;

  it('lists every account newest first, with each filter card showing its count', async () => {
    await waitForRowCount(page, 20);

    await expect.poll(() => filterCard(page, 'All users').textContent()).toContain('21');
    expect(await filterCard(page, 'New').textContent()).toContain(
      String(accountCount - activatedCount),
    );
    expect(await filterCard(page, 'Activated').textContent()).toContain(String(activatedCount));
    expect(await dataRows(page).first().textContent()).toContain(newest().consumer.lastName);
  });

  it('narrows the list to New or Activated accounts by clicking a filter card', async () => {
    await filterCard(page, 'Activated').click();

    await waitForRowCount(page, activatedCount);
    expect(await filterCard(page, 'Activated').getAttribute('aria-pressed')).toBe('true');
    const activatedRows = (await dataRows(page).allTextContents()).join(' ');
    for (const { consumer } of created.slice(0, activatedCount)) {
      expect(activatedRows).toContain(consumer.lastName);
    }
    expect(activatedRows).not.toContain('New');

    await filterCard(page, 'New').click();

    await waitForRowCount(page, accountCount - activatedCount);
    expect(await filterCard(page, 'New').getAttribute('aria-pressed')).toBe('true');
    expect(await dataRows(page).first().textContent()).toContain(newest().consumer.lastName);
  });

  it('pages through the list with Next and Previous', async () => {
    const previous = page.getByRole('button', { name: 'Previous' });
    const next = page.getByRole('button', { name: 'Next' });
    await waitForRowCount(page, 20);
    expect(await previous.isDisabled()).toBe(true);

    await next.click();

    await waitForRowCount(page, 1);
    expect(await dataRows(page).first().textContent()).toContain(created[0]!.consumer.lastName);
    expect(await next.isDisabled()).toBe(true);

    await previous.click();

    await waitForRowCount(page, 20);
    expect(await dataRows(page).first().textContent()).toContain(newest().consumer.lastName);
  });

  it('finds one person from the Search sub-tab and opens the record with a row click', async () => {
    const target = created[7]!.consumer;
    await page.getByRole('tab', { name: 'Search' }).click();
    await searchBox(page).fill(target.lastName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForRowCount(page, 1);

    await dataRows(page).first().getByRole('cell').first().click();

    await page
      .getByRole('heading', { level: 1, name: `${target.firstName} ${target.lastName}` })
      .waitFor();
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await page.getByText(target.email).first().isVisible()).toBe(true);
    expect(await page.getByText('Last sign-in').isVisible()).toBe(true);
  });

  it('finds a person by an email fragment or by the phone number as typed', async () => {
    const target = created[7]!.consumer;
    await page.getByRole('tab', { name: 'Search' }).click();

    for (const query of [target.email.split('@')[0]!, '06 98 76 54 32']) {
      await searchBox(page).fill(query);
      await page.getByRole('button', { name: 'Search', exact: true }).click();

      await expect
        .poll(() => dataRows(page).first().textContent(), { timeout: 10_000 })
        .toContain(target.lastName);
    }
  });

  it("opens a consumer's record with the row's Details button", async () => {
    const target = created[3]!.consumer;
    await page.getByRole('tab', { name: 'Search' }).click();
    await searchBox(page).fill(target.lastName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForRowCount(page, 1);

    await dataRows(page).first().getByRole('link', { name: 'Details' }).click();

    await page
      .getByRole('heading', { level: 1, name: `${target.firstName} ${target.lastName}` })
      .waitFor();
    expect(page.url()).toContain(`/admin/users/${target.id}`);
  });

  it('shows No result when nothing matches', async () => {
    await page.getByRole('tab', { name: 'Search' }).click();
    await searchBox(page).fill(`nobody-${uniqueSuffix()}`);

    await page.getByRole('button', { name: 'Search', exact: true }).click();

    await page.getByText('No result', { exact: true }).waitFor();
    expect(await dataRows(page).count()).toBe(0);
  });
});
