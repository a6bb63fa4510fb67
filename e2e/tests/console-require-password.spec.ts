import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AdminApi } from '../fixtures/api.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openConsoleJourney } from '../fixtures/console-journey.js';
import type { ConsoleJourney } from '../fixtures/console-journey.js';
import type { RunningServer } from '../fixtures/server.js';

interface ConsumerSignIn {
  status: number;
  cookie: string;
  passwordChangeRequired: boolean | undefined;
}

async function signInConsumer(baseUrl: string, email: string, password: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { consumer?: { passwordChangeRequired: boolean } };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  const signIn: ConsumerSignIn = {
    status: response.status,
    cookie,
    passwordChangeRequired: body.consumer?.passwordChangeRequired,
  };
  return signIn;
}

/** The consumer leaves the temporary password for one of their own, as the account app asks. */
async function choosePassword(baseUrl: string, cookie: string, newPassword: string) {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}/api/v1/me/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({ newPassword }),
  });
  expect(response.status).toBe(200);
}

describe.skipIf(!chromiumAvailable)(
  'Require a new password at the next sign-in (guide procedure)',
  () => {
    let journey: ConsoleJourney;
    let server: RunningServer;
    let page: Page;
    let api: AdminApi;

    beforeAll(async () => {
      journey = await openConsoleJourney();
      ({ server, api, page } = journey);
    });
    afterAll(() => journey?.close());

    const openSection = async (consumerId: string) => {
      await page.goto(`${server.url}/admin/users/${consumerId}`);
      await page.getByRole('tab', { name: 'Security' }).click();
      return page.getByRole('region', { name: 'Require a new password' });
    };

    it('admin clicks Activate and the consumer must set a new password at the next sign-in', async () => {
      const { consumer, credentials } = await api.createConsumer();
      const first = await signInConsumer(server.url, consumer.email, credentials.temporaryPassword);
      const ownPassword = 'a passphrase of my very own';
      await choosePassword(server.url, first.cookie, ownPassword);
      expect(
        (await signInConsumer(server.url, consumer.email, ownPassword)).passwordChangeRequired,
      ).toBe(false);

      const section = await openSection(consumer.id);
      await section.getByRole('button', { name: 'Activate' }).click();

      await section.getByText('This option is already activated', { exact: true }).waitFor();
      expect(await section.getByRole('button', { name: 'Activate' }).count()).toBe(0);
      const next = await signInConsumer(server.url, consumer.email, ownPassword);
      expect(next.status).toBe(200);
      expect(next.passwordChangeRequired).toBe(true);
    });

    it('shows This option is already activated when it is already on', async () => {
      // A created account starts with a temporary password, which must be changed anyway.
      const { consumer } = await api.createConsumer();

      const section = await openSection(consumer.id);

      await section.getByText('This option is already activated', { exact: true }).waitFor();
      expect(await section.getByRole('button', { name: 'Activate' }).count()).toBe(0);
    });
  },
);
