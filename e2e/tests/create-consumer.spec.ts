import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  chooseCountry,
  chromiumAvailable,
  field,
  launchBrowser,
  signInToConsole,
} from '../fixtures/browser.js';
import { e2eAdmin, startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

describe.skipIf(!chromiumAvailable)('Create a consumer (guide procedure)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('admin registers a consumer and sees the one-time password once', async () => {
    const page = await browser.newPage();
    await signInToConsole(page, server.url, e2eAdmin.email, e2eAdmin.password);

    await page.getByRole('tab', { name: 'New' }).click();
    await field(page, 'First name').fill('Zoë');
    await field(page, 'Name').fill('Lefèvre');
    await field(page, 'Email address').fill('zoe.lefevre@example.com');
    await field(page, 'Phone number').fill('06 12 34 56 78');
    await chooseCountry(page, 'France');
    await page.getByRole('button', { name: 'Register' }).click();

    await expect.poll(() => page.getByText('Login Credentials').isVisible()).toBe(true);
    const password = await field(page, 'Password').inputValue();
    expect(password).toMatch(/^[23456789A-HJ-NP-Z]{16}$/);
    await page.close();
  });
});
