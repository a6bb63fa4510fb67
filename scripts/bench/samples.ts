import { parsePhoneNumberWithError } from 'libphonenumber-js';

import type { ConsumerSummary } from '../../src/contracts/consumers.js';
import type { ApiClient } from './api.js';
import { BenchSetupError } from './api.js';

const listPath = '/api/admin/v1/consumers';

/** Real values read through the API, so the bench needs nothing but the server. */
export interface Samples {
  deepCursor: string;
  consumerId: string;
  emailFragment: string;
  phoneQuery: string;
  lastName: string;
}

/** Follows nextCursor from the first page; returns the cursor that opens page `pageNumber`. */
async function cursorOfPage(api: ApiClient, pageNumber: number): Promise<string> {
  let cursor = '';
  for (let page = 1; page < pageNumber; page += 1) {
    const query = cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : '?limit=20';
    const { nextCursor } = await api.getPage(`${listPath}${query}`);
    if (!nextCursor)
      throw new BenchSetupError(`the list ends at page ${page}; seed more consumers`);
    cursor = nextCursor;
    if (page % 100 === 0) console.log(`  walked ${page} pages`);
  }
  return cursor;
}

function pick<T>(
  items: ConsumerSummary[],
  what: string,
  choose: (item: ConsumerSummary) => T | null,
): T {
  for (const item of items) {
    const chosen = choose(item);
    if (chosen !== null) return chosen;
  }
  throw new BenchSetupError(`no consumer on the sampled page has ${what}`);
}

/** Seven characters from the middle of a local part, with a letter so it is not read as a phone. */
function emailFragmentOf(item: ConsumerSummary): string | null {
  const localPart = item.email.split('@')[0] ?? '';
  if (localPart.length < 10) return null;
  const start = Math.floor((localPart.length - 7) / 2);
  const fragment = localPart.slice(start, start + 7);
  return /[a-z]/i.test(fragment) ? fragment : null;
}

/** The last nine national digits in groups of three, as someone reading a card would type them. */
function phoneQueryOf(item: ConsumerSummary): string | null {
  if (!item.phone) return null;
  const national = parsePhoneNumberWithError(item.phone).nationalNumber.slice(-9);
  return national.match(/\d{1,3}/g)?.join(' ') ?? null;
}

function lastNameOf(item: ConsumerSummary): string | null {
  return /^\p{L}{4,}$/u.test(item.lastName) ? item.lastName : null;
}

export async function collectSamples(api: ApiClient, deepPage: number): Promise<Samples> {
  console.log(`reading the cursor of page ${deepPage} through the API…`);
  const deepCursor = await cursorOfPage(api, deepPage);
  const deep = await api.getPage(`${listPath}?limit=20&cursor=${encodeURIComponent(deepCursor)}`);
  const items = deep.items;
  if (items.length === 0) throw new BenchSetupError(`page ${deepPage} is empty`);
  return {
    deepCursor,
    consumerId: pick(items, 'an id', (item) => item.id),
    emailFragment: pick(items, 'a local part of 10+ characters', emailFragmentOf),
    phoneQuery: pick(items, 'a phone number', phoneQueryOf),
    lastName: pick(items, 'a one-word last name', lastNameOf),
  };
}
