import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createActiveConsumer, readLatestCode, signInAdminApi } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field, launchBrowser, signInToAccount } from '../fixtures/browser.js';
import { startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

// Each test mails at most one code: the server caps code emails per client address, and every
// request here comes from 127.0.0.1.

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}

/** Another digit in the last place: a code that is surely wrong. */
function wrongCodeFor(code: string): string {
  return code.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
}

describe.skipIf(!chromiumAvailable)("Account security on the consumer's side", () => {
  let server: RunningServer;
  let browser: Browser;
  let api: AdminApi;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await signInAdminApi(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
  });

  it('asks for the emailed code after the password when two-step validation is on', async () => {
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    await api.setTwoStep(consumer.id, true);

    await signInToAccount(page, server.url, email, password);

    await heading(page, 'Verification code').waitFor();
    expect(await page.getByText(`${email.slice(0, 1)}•••@example.com`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send a new code' }).isDisabled()).toBe(true);
    expect(await page.getByText(/You can ask for a new code in \d:\d\d/).isVisible()).toBe(true);
    const code = await readLatestCode(server.url, email, 'sign-in');
    await field(page, 'Verification code').fill(wrongCodeFor(code));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/That code is not right.*4 more tries/).waitFor();
    await field(page, 'Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();

    await heading(page, `Signed in as ${consumer.firstName} ${consumer.lastName}`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('refuses the sign-in of a suspended account with a message saying so', async () => {
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    await signInToAccount(page, server.url, email, password);
    await heading(page, `Signed in as ${consumer.firstName} ${consumer.lastName}`).waitFor();

    await api.suspend(consumer.id);

    // The open session ends with the suspension: the next page load asks to sign in again.
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInToAccount(page, server.url, email, password);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This account is suspended');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('ends an open session when the administrator logs the consumer out everywhere', async () => {
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    await signInToAccount(page, server.url, email, password);
    await heading(page, `Signed in as ${consumer.firstName} ${consumer.lastName}`).waitFor();

    await api.signOutEverywhere(consumer.id);

    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await field(page, 'Email address').inputValue()).toBe('');
  });

  it('asks a restored account to confirm its email before anything else', async () => {
    const { consumer, email, password } = await createActiveConsumer(api, server.url);
    await api.suspend(consumer.id);
    await api.restore(consumer.id);

    await signInToAccount(page, server.url, email, password);

    await heading(page, 'Check your email').waitFor();
    expect(await page.getByText(email).isVisible()).toBe(true);
    await page.goto(`${server.url}/`);
    await heading(page, 'Check your email').waitFor();
    const code = await readLatestCode(server.url, email, 'email-check');
    await field(page, 'Verification code').fill(code);
    await page.getByRole('button', { name: 'Confirm email address' }).click();

    await heading(page, `Signed in as ${consumer.firstName} ${consumer.lastName}`).waitFor();
    const restored = await api.getConsumer(consumer.id);
    expect(restored).toMatchObject({ status: 'active', verificationRequired: false });
  });
});
