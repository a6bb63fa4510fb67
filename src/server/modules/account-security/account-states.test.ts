import { describe, expect, it } from 'vitest';

import type { ConsumerStatus } from '../../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';
import { nextStatus } from './account-states.js';
import type { StateAction } from './account-states.js';

/** The status an action leads to, or the code of its refusal. */
function outcomeOf(
  action: StateAction,
  status: ConsumerStatus,
  statusBeforeSuspension: ConsumerStatus | null = null,
): string {
  try {
    return nextStatus(action, { status, statusBeforeSuspension });
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('nextStatus() (SR-43)', () => {
  it('follows the transition table for every action in every state', () => {
    const table = {
      suspend: ['suspended', 'suspended', '409 consumer.already_suspended'],
      restore: ['409 consumer.not_suspended', '409 consumer.not_suspended', 'new'],
      forceActivate: ['active', '409 consumer.already_activated', '409 consumer.suspended'],
      proveEmail: ['active', 'active', 'suspended'],
    } satisfies Record<StateAction, string[]>;

    for (const [action, outcomes] of Object.entries(table)) {
      const actual = (['new', 'active', 'suspended'] as const).map((status) =>
        outcomeOf(action as StateAction, status),
      );

      expect(actual, action).toEqual(outcomes);
    }
  });

  it('restores the state the suspension interrupted', () => {
    expect(outcomeOf('restore', 'suspended', 'active')).toBe('active');
    expect(outcomeOf('restore', 'suspended', 'new')).toBe('new');
  });
});
