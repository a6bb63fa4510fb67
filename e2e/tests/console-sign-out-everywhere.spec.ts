import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

const chromeOnWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Signs a consumer in through the account API, as a browser elsewhere would; returns its cookie. */
async function signInConsumer(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'user-agent': chromeOnWindows },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
}

async function meStatus(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${new URL(baseUrl).origin}/api/v1/me`, { headers: { cookie } });
  return response.status;
}

describe.skipIf(!chromiumAvailable)('Sign a consumer out of all devices (guide procedure)', () => {
  let journey: ConsoleJourney;
  let server: RunningServer;
  let page: Page;
  let api: AdminApi;

  beforeAll(async () => {
    journey = await openConsoleJourney();
    ({ server, api, page } = journey);
  });
  afterAll(() => journey?.close());

  const openSecurityTab = async (consumerId: string) => {
    await page.goto(`${server.url}/admin/users/${consumerId}`);
    await page.getByRole('tab', { name: 'Security' }).click();
    return page.getByRole('region', { name: 'Connection Session' });
  };

  it('admin ends every session under Connection Session and the old cookie is refused', async () => {
    const { consumer, credentials } = await api.createConsumer();
    const cookie = await signInConsumer(server.url, consumer.email, credentials.temporaryPassword);
    expect(await meStatus(server.url, cookie)).toBe(200);

    const sessions = await openSecurityTab(consumer.id);
    const row = sessions.getByRole('row', { name: /Chrome 126/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Desktop · Windows 10');
    expect(await row.textContent()).toContain('127.0.0.1');
    await sessions.getByRole('button', { name: 'Log out' }).click();

    await sessions.getByText('No active session', { exact: true }).waitFor();
    expect(await sessions.getByRole('row').count()).toBe(0);
    expect(await meStatus(server.url, cookie)).toBe(401);
  });

  it('shows No active session and no Log out button when there is nothing to end', async () => {
    const { consumer } = await api.createConsumer();

    const sessions = await openSecurityTab(consumer.id);

    await sessions.getByText('No active session', { exact: true }).waitFor();
    expect(await sessions.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  });
});
