import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signInAdminApi, signInConsumerApi } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, launchBrowser, signInToConsole } from '../fixtures/browser.js';
import { e2eAdmin, startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

describe.skipIf(!chromiumAvailable)('A locked-out consumer in the console (SR-85, SR-49)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await signInAdminApi(server.url);
    page = await browser.newPage();
    await signInToConsole(page, server.url, e2eAdmin.email, e2eAdmin.password);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

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
