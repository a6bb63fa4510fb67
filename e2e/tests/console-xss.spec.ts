import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signInAdminApi } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, launchBrowser, signInToConsole } from '../fixtures/browser.js';
import { e2eAdmin, startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

// The page's CSP would block an injected inline handler anyway: the checks that matter are
// that the markup shows as literal text and that no element was built from it.
const lastName = '<img src=x onerror=window.__xss=1>';
const firstName = '"><svg onload=window.__xss=2>';
const shownName = `${firstName} ${lastName}`;

describe.skipIf(!chromiumAvailable)('consumer data shown as text in the console (SR-80)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: AdminApi;
  let consumerId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await signInAdminApi(server.url);
    const { consumer } = await api.createConsumer({ firstName, lastName });
    consumerId = consumer.id;
    await api.suspend(consumerId);
    page = await browser.newPage();
    await signInToConsole(page, server.url, e2eAdmin.email, e2eAdmin.password);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectInertText(where: string) {
    await page.getByText(lastName).first().waitFor();

    expect(await page.getByText(shownName).count(), where).toBeGreaterThan(0);
    expect(await page.locator('img[src="x"], [onerror], [onload]').count(), where).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), where).toBeUndefined();
  }

  it('in the Users list', async () => {
    await page.goto(`${server.url}/admin/users`);

    await expectInertText('Users list');
  });

  it('in the search results', async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('<img');
    await page.getByRole('button', { name: 'Search' }).click();

    await expectInertText('search results');
  });

  it('on the record', async () => {
    await page.goto(`${server.url}/admin/users/${consumerId}`);
    await page.getByRole('tab', { name: 'Overview' }).waitFor();

    await expectInertText('record');
    expect(await page.title()).toContain(lastName);
  });

  it('in the event log', async () => {
    await page.goto(`${server.url}/admin/events?consumerId=${consumerId}`);
    await page.getByRole('cell', { name: 'Account suspended' }).waitFor();

    await expectInertText('event log');
  });
});
