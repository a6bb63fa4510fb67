import type { ReactNode } from 'react';

import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { fullName } from '../../../../lib/format.js';
import { guideText } from '../../../lib/action-messages.js';

export type ConfirmedAction = 'suspend' | 'restore' | 'force-activation' | 'delete';

export interface ActionDefinition {
  title: string;
  /** The confirming button's caption, as the guide names it. */
  button: string;
  danger: boolean;
  whatHappens: (consumer: ConsumerView) => ReactNode[];
  /** Why the action cannot apply to the account as it is now, or null when it can. */
  refusal: (consumer: ConsumerView) => string | null;
  /** Refused for a protected test account; the page says so before anyone clicks. */
  refusesProtected: boolean;
  done: string;
}

export const actionDefinitions: Record<ConfirmedAction, ActionDefinition> = {
  suspend: {
    title: 'Suspend the user',
    button: 'Suspend',
    danger: true,
    whatHappens: (consumer) => [
      `${fullName(consumer)} can no longer sign in; a sign-in attempt is told the account is suspended.`,
      'Every active session ends immediately, on every device.',
      'Nothing is deleted: the account, its projects and its API keys are kept.',
      'You can bring the account back later with Restore the user.',
      'The suspension is recorded in the event log.',
    ],
    refusal: (consumer) =>
      consumer.status === 'suspended' ? 'The account is already suspended.' : null,
    refusesProtected: true,
    done: 'The account is suspended.',
  },
  restore: {
    title: 'Restore the user',
    button: 'Restore',
    danger: false,
    whatHappens: () => [
      'The account returns to the state it had before the suspension (New or Activated).',
      'The consumer can sign in again, but must verify their account again first: a code is sent to their email address at the next sign-in, and the account cannot be used until it is entered.',
      'The restoration is recorded in the event log.',
    ],
    refusal: (consumer) =>
      consumer.status === 'suspended' ? null : 'Only a suspended account can be restored.',
    refusesProtected: false,
    done: 'The account is restored. The consumer must verify it again at the next sign-in.',
  },
  'force-activation': {
    title: 'Force account activation',
    button: 'Force activation',
    danger: false,
    whatHappens: () => [
      'The account becomes Activated right away, with no email or phone verification.',
      'Use it for an account you trust, for example one you created yourself.',
      'The activation is recorded in the event log.',
    ],
    refusal: (consumer) => {
      if (consumer.status === 'active') return guideText.alreadyActivated;
      if (consumer.status === 'suspended') return 'Restore the account before activating it.';
      return null;
    },
    refusesProtected: false,
    done: 'The account is activated.',
  },
  delete: {
    title: 'Delete the account',
    button: 'Delete',
    danger: true,
    whatHappens: (consumer) => [
      `The account of ${fullName(consumer)} is deleted permanently. This cannot be undone: there is no restore.`,
      'The person can no longer sign in.',
      'Their sessions, verification codes and API keys are removed.',
      'Projects the account owned stay on the platform but are no longer accessible to it.',
      "The event log keeps the deletion — who deleted the account, when, and the account's id — without the person's details.",
      'If you might need the account back, suspend it instead.',
    ],
    refusal: () => null,
    refusesProtected: true,
    done: 'The account was deleted permanently.',
  },
};

export function isConfirmedAction(value: string | undefined): value is ConfirmedAction {
  return value !== undefined && Object.hasOwn(actionDefinitions, value);
}
