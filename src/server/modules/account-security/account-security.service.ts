import type { Database, Tx } from '../../../db/client.js';
import type { Consumer, NewConsumer } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { validationError } from '../../shared/errors.js';
import { hashPassword } from '../../shared/passwords.js';
import { generateTemporaryPassword } from '../../shared/tokens.js';
import {
  deleteAllConsumerSessions,
  listConsumerSessions,
  lockConsumer,
} from '../consumer-auth/consumer-sessions.repository.js';
import { consumerNotFound } from '../consumers/consumers.errors.js';
import {
  deleteConsumerRow,
  findConsumerById,
  updateConsumer,
} from '../consumers/consumers.repository.js';
import { temporaryPasswordLifetimeMs } from '../consumers/consumers.service.js';
import { toConsumerView } from '../consumers/consumers.view.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import type { EventDetails } from '../events/events.view.js';
import { enqueueMail } from '../mail/outbox.repository.js';
import { readSettings } from '../settings/settings.repository.js';
import {
  clearSignInFailures,
  findSignInLockEnd,
} from '../sign-in-lockout/sign-in-lockout.service.js';
import { voidConsumerCodes } from '../verification/verification.repository.js';
import { noActiveSession, passwordChangeAlreadyRequired } from './account-security.errors.js';
import { nextStatus } from './account-states.js';
import { isProtectedAccount, protectedAccount } from './protected-accounts.js';

export interface AccountSecurityDeps {
  db: Database;
  clock: Clock;
  mailQueued?: () => void;
}

interface ActionOutcome {
  changes?: Partial<NewConsumer>;
  details?: EventDetails;
}

type ActionStep = (tx: Tx, consumer: Consumer, now: Date) => Promise<ActionOutcome>;

export const maxProjectLimit = 10_000;

/** An issued temporary password that still works: the consumer has not replaced it yet. */
function isTemporaryPasswordLive(consumer: Consumer, now: Date): boolean {
  return consumer.passwordExpiresAt !== null && consumer.passwordExpiresAt > now;
}

export function createAccountSecurityService({ db, clock, mailQueued }: AccountSecurityDeps) {
  /**
   * Runs one console action on a locked consumer row: the checks, the change, the version bump
   * and the event commit together or not at all.
   */
  async function act(id: string, action: string, audit: AuditContext, step: ActionStep) {
    const now = clock.now();
    const updated = await db.transaction(async (tx) => {
      const consumer = await lockConsumer(tx, id);
      if (!consumer) throw consumerNotFound();
      const outcome = await step(tx, consumer, now);
      const changes = { ...outcome.changes, updatedAt: now, version: consumer.version + 1 };
      await updateConsumer(tx, id, changes);
      await recordEvent(tx, audit, { action, consumerId: id, details: outcome.details ?? {} }, now);
      const settings = await readSettings(tx);
      const lockedUntil = await findSignInLockEnd(tx, consumer.emailKey, now);
      return toConsumerView({ ...consumer, ...changes }, settings, lockedUntil);
    });
    return updated;
  }

  async function refuseIfProtected(tx: Tx, consumer: Consumer): Promise<void> {
    const settings = await readSettings(tx);
    if (isProtectedAccount(consumer.email, settings.protectedEmailPattern)) {
      throw protectedAccount();
    }
  }

  /**
   * Blocks the account and ends its sessions; nothing is deleted. Codes and an unused temporary
   * password die with the sessions, so a later restore revives none of them (SR-45, SR-46).
   */
  const suspend = (id: string, audit: AuditContext) =>
    act(id, 'consumer.suspended', audit, async (tx, consumer, now) => {
      const status = nextStatus('suspend', consumer);
      await refuseIfProtected(tx, consumer);
      const endedSessions = await deleteAllConsumerSessions(tx, consumer.id);
      await voidConsumerCodes(tx, consumer.id, now, 'suspended');
      const holdsTemporaryPassword = isTemporaryPasswordLive(consumer, now);
      return {
        changes: {
          status,
          statusBeforeSuspension: consumer.status,
          ...(holdsTemporaryPassword ? { passwordExpiresAt: now } : {}),
        },
        details: {
          changes: [change('status', consumer.status, status)],
          endedSessions,
          ...(holdsTemporaryPassword ? { voidedTemporaryPassword: true } : {}),
        },
      };
    });

  /** Back to the state before the suspension, with a fresh verification required. */
  const restore = (id: string, audit: AuditContext) =>
    act(id, 'consumer.restored', audit, async (_tx, consumer) => {
      const status = nextStatus('restore', consumer);
      return {
        changes: { status, statusBeforeSuspension: null, verificationRequired: true },
        details: {
          changes: [
            change('status', 'suspended', status),
            change('verificationRequired', consumer.verificationRequired, true),
          ],
        },
      };
    });

  /** A New account becomes active without an email or phone check. */
  const forceActivate = (id: string, audit: AuditContext) =>
    act(id, 'consumer.force_activated', audit, async (_tx, consumer) => {
      const status = nextStatus('forceActivate', consumer);
      return {
        changes: { status, verificationRequired: false },
        details: {
          changes: [
            change('status', consumer.status, status),
            ...(consumer.verificationRequired ? [change('verificationRequired', true, false)] : []),
          ],
        },
      };
    });

  const requirePasswordChange = (id: string, audit: AuditContext) =>
    act(id, 'consumer.password_change_required', audit, async (_tx, consumer) => {
      if (consumer.mustChangePassword) throw passwordChangeAlreadyRequired();
      return {
        changes: { mustChangePassword: true },
        details: { changes: [change('mustChangePassword', false, true)] },
      };
    });

  /**
   * Saves the choice whatever it was before, as the console's Save does; no verified email is
   * required. The consumer is told by email: the notice carries no code. Sessions stay as they
   * are: the next sign-in follows the new setting.
   */
  async function setTwoStep(id: string, enabled: boolean, audit: AuditContext) {
    const action = enabled ? 'consumer.two_step_enabled' : 'consumer.two_step_disabled';
    const consumer = await act(id, action, audit, async (tx, current, now) => {
      await enqueueMail(
        tx,
        {
          consumerId: current.id,
          recipient: current.email,
          mail: { template: 'two_step_notice', firstName: current.firstName, enabled },
        },
        now,
      );
      return {
        changes: { twoStepEnabled: enabled },
        details: { changes: [change('twoStep', current.twoStepEnabled, enabled)] },
      };
    });
    mailQueued?.();
    return consumer;
  }

  const setProjectLimit = (id: string, limit: number, audit: AuditContext) => {
    if (!Number.isInteger(limit) || limit < 0 || limit > maxProjectLimit) {
      throw validationError([
        { field: 'projectLimit', message: `Enter a whole number from 0 to ${maxProjectLimit}` },
      ]);
    }
    return act(id, 'consumer.project_limit_changed', audit, async (_tx, consumer) => ({
      changes: { projectLimit: limit },
      details: { changes: [change('projectLimit', consumer.projectLimit, limit)] },
    }));
  };

  /**
   * Ends every session of the consumer at once, and any sign-in waiting for its emailed code
   * (SR-35); refused when there is neither.
   */
  const signOutEverywhere = (id: string, audit: AuditContext) =>
    act(id, 'consumer.sessions_ended', audit, async (tx, consumer, now) => {
      const endedSessions = await deleteAllConsumerSessions(tx, consumer.id);
      const endedChallenges = await voidConsumerCodes(
        tx,
        consumer.id,
        now,
        'sessions_ended',
        'two_step',
      );
      if (endedSessions === 0 && endedChallenges === 0) throw noActiveSession();
      return { details: { endedSessions, endedChallenges } };
    });

  /**
   * A new temporary password, shown once; the old one and every session stop working, and a
   * sign-in lock is lifted: this is what an administrator does for a locked-out consumer.
   */
  async function resetPassword(id: string, audit: AuditContext) {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const consumer = await act(id, 'consumer.password_reset', audit, async (tx, current, now) => {
      const endedSessions = await deleteAllConsumerSessions(tx, current.id);
      await voidConsumerCodes(tx, current.id, now, 'password_reset');
      await clearSignInFailures(
        tx,
        { emailKey: current.emailKey, consumerId: current.id },
        audit,
        now,
      );
      // The notice carries no secret: the temporary password travels through the admin only.
      await enqueueMail(
        tx,
        {
          consumerId: current.id,
          recipient: current.email,
          mail: { template: 'password_reset_notice', firstName: current.firstName },
        },
        now,
      );
      return {
        changes: {
          passwordHash,
          mustChangePassword: true,
          passwordExpiresAt: new Date(now.getTime() + temporaryPasswordLifetimeMs),
        },
        details: {
          changes: [
            change('temporaryPassword'),
            change('mustChangePassword', current.mustChangePassword, true),
          ],
          endedSessions,
        },
      };
    });
    mailQueued?.();
    return { consumer, credentials: { email: consumer.email, temporaryPassword } };
  }

  /**
   * Deletes the account for good. The event keeps only the account's id: no name, address or
   * phone survives in the log.
   */
  async function deleteAccount(id: string, audit: AuditContext): Promise<void> {
    await db.transaction(async (tx) => {
      const consumer = await lockConsumer(tx, id);
      if (!consumer) throw consumerNotFound();
      await refuseIfProtected(tx, consumer);
      await deleteConsumerRow(tx, id);
      await recordEvent(
        tx,
        audit,
        {
          action: 'consumer.deleted',
          consumerId: id,
          details: { changes: [change('status', consumer.status, 'deleted')] },
        },
        clock.now(),
      );
    });
  }

  async function listSessions(id: string) {
    const consumer = await findConsumerById(db, id);
    if (!consumer) throw consumerNotFound();
    const sessions = await listConsumerSessions(db, id);
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      ip: session.ip,
      userAgent: session.userAgent,
    }));
  }

  return {
    suspend,
    restore,
    forceActivate,
    requirePasswordChange,
    setTwoStep,
    setProjectLimit,
    signOutEverywhere,
    resetPassword,
    deleteAccount,
    listSessions,
  };
}

export type AccountSecurityService = ReturnType<typeof createAccountSecurityService>;
