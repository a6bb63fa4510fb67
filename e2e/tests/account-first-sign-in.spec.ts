import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readLatestCode, signInAdminApi, uniqueEmail, uniqueSuffix } from '../fixtures/api.js';
import type { AdminApi } from '../fixtures/api.js';
import {
  chooseCountry,
  chromiumAvailable,
  field,
  launchBrowser,
  signInToAccount,
  signInToConsole,
} from '../fixtures/browser.js';
import { e2eAdmin, startServer } from '../fixtures/server.js';
import type { RunningServer } from '../fixtures/server.js';

const newPassword = 'my own long passphrase 2026';

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}

/** The account app's alert text once it shows. */
async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

describe.skipIf(!chromiumAvailable)("A consumer's first sign-in (account app)", () => {
  let server: RunningServer;
  let browser: Browser;
  let api: AdminApi;
  // Separate contexts: the consumer's sign-out clears the site's cookies, the admin's included.
  let adminContext: BrowserContext;
  let consumerContext: BrowserContext;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await signInAdminApi(server.url);
    adminContext = await browser.newContext();
    consumerContext = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Creates the account in the console as the guide says and reads the one-time password. */
  async function createInConsole(email: string, lastName: string): Promise<string> {
    const page = await adminContext.newPage();
    await signInToConsole(page, server.url, e2eAdmin.email, e2eAdmin.password);
    await page.getByRole('tab', { name: 'New' }).click();
    await field(page, 'First name').fill('Amara');
    await field(page, 'Name').fill(lastName);
    await field(page, 'Email address').fill(email);
    await field(page, 'Phone number').fill('+44 7911 123456');
    await chooseCountry(page, 'United Kingdom');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Login Credentials').waitFor();
    const password = await field(page, 'Password').inputValue();
    await page.close();
    return password;
  }

  it('changes the temporary password, confirms the email, and the old password stops working', async () => {
    const email = uniqueEmail('amara');
    const lastName = `Nwosu-${uniqueSuffix()}`;
    const temporaryPassword = await createInConsole(email, lastName);
    const page = await consumerContext.newPage();

    await signInToAccount(page, server.url, email, temporaryPassword);

    await heading(page, 'Change password').waitFor();
    await page.goto(`${server.url}/projects`);
    await heading(page, 'Change password').waitFor();
    await field(page, 'New password').fill(newPassword);
    await field(page, 'Confirm new password').fill(`${newPassword} typo`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The passwords do not match.').waitFor();
    await field(page, 'Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();

    await heading(page, 'Check your email').waitFor();
    expect(await page.getByText(email).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send a new code' }).isDisabled()).toBe(true);
    expect(await page.getByText(/You can ask for a new code in \d:\d\d/).isVisible()).toBe(true);
    await page.goto(`${server.url}/settings`);
    await heading(page, 'Check your email').waitFor();

    const code = await readLatestCode(server.url, email, 'email-check');
    const wrong = code.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    await field(page, 'Verification code').fill(wrong);
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await page.getByText(/That code is not right/).waitFor();
    await field(page, 'Verification code').fill(code);
    await page.getByRole('button', { name: 'Confirm email address' }).click();

    await heading(page, `Signed in as Amara ${lastName}`).waitFor();
    const stored = (
      await api.call<{ items: { id: string }[] }>(
        'GET',
        `/consumers/search?q=${encodeURIComponent(email)}`,
      )
    ).items[0];
    const consumer = await api.getConsumer(stored!.id);
    expect(consumer).toMatchObject({ status: 'active', mustChangePassword: false });
    expect(consumer.emailVerifiedAt).not.toBeNull();
    expect(consumer.lastSignInAt).not.toBeNull();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await signInToAccount(page, server.url, email, temporaryPassword);

    expect(await alertText(page)).toBe('Wrong email address or password.');

    await signInToAccount(page, server.url, email, newPassword);

    await heading(page, `Signed in as Amara ${lastName}`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });
});
