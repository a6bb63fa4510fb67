import type { Consumer, ConsumerStatus } from '../../../db/schema/index.js';
import type { AppError } from '../../shared/errors.js';
import {
  alreadyActivated,
  alreadySuspended,
  notSuspended,
  suspendedCannotBeActivated,
} from './account-security.errors.js';

/** What moves an account between states; deletion removes the row from any state instead. */
export type StateAction = 'suspend' | 'restore' | 'forceActivate' | 'proveEmail';

/** Where an allowed action leads: a state, or back to the one the suspension interrupted. */
type Outcome = ConsumerStatus | 'before-suspension' | { refuse: () => AppError };

/**
 * The account state machine (SR-43), one row per action and one cell per state: every status
 * change of an existing account is looked up here, and the database CHECK on `status` keeps out
 * any state not listed.
 */
const transitions: Record<StateAction, Record<ConsumerStatus, Outcome>> = {
  suspend: { new: 'suspended', active: 'suspended', suspended: { refuse: alreadySuspended } },
  restore: {
    new: { refuse: notSuspended },
    active: { refuse: notSuspended },
    suspended: 'before-suspension',
  },
  forceActivate: {
    new: 'active',
    active: { refuse: alreadyActivated },
    suspended: { refuse: suspendedCannotBeActivated },
  },
  // A proven address activates a New account; it never lifts a suspension.
  proveEmail: { new: 'active', active: 'active', suspended: 'suspended' },
};

/** The status an action leads to from the account's current one; throws the refusal if any. */
export function nextStatus(
  action: StateAction,
  consumer: Pick<Consumer, 'status' | 'statusBeforeSuspension'>,
): ConsumerStatus {
  const outcome = transitions[action][consumer.status];
  if (typeof outcome === 'object') throw outcome.refuse();
  if (outcome === 'before-suspension') return consumer.statusBeforeSuspension ?? 'new';
  return outcome;
}
