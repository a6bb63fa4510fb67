import { randomBytes } from 'node:crypto';

import type { CreateConsumerBody } from '../../src/contracts/consumers.js';

/** A valid consumer with a unique address; override what the test is about. */
export function consumerInput(overrides: Partial<CreateConsumerBody> = {}): CreateConsumerBody {
  const unique = randomBytes(4).toString('hex');
  return {
    firstName: 'Zoë',
    lastName: `Martin-${unique}`,
    email: `zoe.${unique}@example.com`,
    phone: '06 12 34 56 78',
    country: 'FR',
    ...overrides,
  };
}
