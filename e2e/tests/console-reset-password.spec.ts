import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable, field } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

/** A consumer's sign-in through the account API: the status, and the cookie when it opened one. */
async function signInConsumer(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  const body = (await response.json()) as { consumer?: { passwordChangeRequired: boolean } };
  return { status: response.status, cookie, consumer: body.consumer };
}

async function meStatus(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${new URL(baseUrl).origin}/api/v1/me`, { headers: { cookie } });
  return response.status;
}

describe.skipIf(!chromiumAvailable)("Reset a consumer's password (guide procedure)", () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  it('admin resets the password and sees the new temporary one once', async () => {
    const { consumer, credentials } = await api.createConsumer();
    const before = await signInConsumer(server.url, consumer.email, credentials.temporaryPassword);
    expect(before.status).toBe(200);

    await page.goto(`${server.url}/admin/users/${consumer.id}`);
    await page.getByRole('tab', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Reset the password' });
    await section.getByRole('button', { name: 'Reset', exact: true }).click();
    const passwordField = field(page, 'Password');
    await passwordField.waitFor();
    const password = await passwordField.inputValue();
    await section
      .getByText("Copy the password before leaving the page; it isn't shown again.", {
        exact: false,
      })
      .waitFor();

    expect(password).toMatch(/^[23456789A-HJ-NP-Z]{16}$/);
    expect(password).not.toBe(credentials.temporaryPassword);
    expect(await section.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    // The old password and the old session stop working; the new one must be changed.
    expect(await meStatus(server.url, before.cookie)).toBe(401);
    const old = await signInConsumer(server.url, consumer.email, credentials.temporaryPassword);
    expect(old.status).toBe(401);
    const fresh = await signInConsumer(server.url, consumer.email, password);
    expect(fresh.status).toBe(200);
    expect(fresh.consumer?.passwordChangeRequired).toBe(true);

    await page.reload();
    await page.getByRole('region', { name: 'Reset the password' }).waitFor();
    expect(await field(page, 'Password').count()).toBe(0);
  });
});
