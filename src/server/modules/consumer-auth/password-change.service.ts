import type { Database } from '../../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../shared/passwords.js';
import { updateConsumer } from '../consumers/consumers.repository.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import { readSettings } from '../settings/settings.repository.js';
import {
  defaultCodeSendLimits,
  sendCodeWithinLimits,
} from '../verification/verification.service.js';
import type { CodeSendLimits } from '../verification/verification.service.js';
import {
  needsEmailCheck,
  openConsumerSession,
  sessionEnded,
  toConsumerProfile,
} from './consumer-session.js';
import type { AuthenticatedConsumer } from './consumer-session.js';
import {
  deleteConsumerSession,
  deleteOtherConsumerSessions,
  lockConsumer,
} from './consumer-sessions.repository.js';

export interface PasswordChangeDeps {
  db: Database;
  clock: Clock;
  mailQueued?: () => void;
  codeSendLimits?: CodeSendLimits;
}

const wrongCurrentPassword = () =>
  new AppError(400, 'auth.wrong_password', 'currentPassword: the current password is wrong', {
    details: { issues: [{ field: 'currentPassword', message: 'The current password is wrong' }] },
  });

const passwordReused = () =>
  new AppError(400, 'password.reused', 'newPassword: choose a password you have not used here', {
    details: { issues: [{ field: 'newPassword', message: 'Choose a different password' }] },
  });

export function createPasswordChangeService(deps: PasswordChangeDeps) {
  const { db, clock, mailQueued } = deps;
  const limits = deps.codeSendLimits ?? defaultCodeSendLimits;

  /**
   * Sets a new password. A restricted session (temporary password) needs no current password;
   * otherwise it must be given. Ends every other session and rotates this one (SR-31).
   */
  async function changePassword(
    auth: AuthenticatedConsumer,
    input: { currentPassword?: string | undefined; newPassword: string },
    audit: AuditContext,
  ) {
    const { consumer } = auth;
    // The cheap policy check comes first: an oversize password is refused before argon2 runs
    // on anything (SR-07).
    const settings = await readSettings(db);
    checkPasswordPolicy(input.newPassword, {
      minLength: settings.passwordMinLength,
      email: consumer.email,
      firstName: consumer.firstName,
      lastName: consumer.lastName,
      phone: consumer.phone,
    });
    if (!auth.passwordChangeRequired) {
      const currentValid =
        input.currentPassword !== undefined &&
        consumer.passwordHash !== null &&
        (await verifyPassword(consumer.passwordHash, input.currentPassword));
      if (!currentValid) throw wrongCurrentPassword();
    }
    if (consumer.passwordHash && (await verifyPassword(consumer.passwordHash, input.newPassword))) {
      throw passwordReused();
    }
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock.now();
    const actor = { ...audit, actorType: 'consumer' as const, actorId: consumer.id };
    const result = await db.transaction(async (tx) => {
      // A suspension, deletion, reset or sign-out that committed while the new hash was computed
      // ended this session: it must not come back as a fresh one (SR-113).
      const current = await lockConsumer(tx, consumer.id);
      const stillSignedIn = await deleteConsumerSession(tx, auth.sessionId);
      if (!current || current.status === 'suspended' || !stillSignedIn) throw sessionEnded();
      await updateConsumer(tx, consumer.id, {
        passwordHash,
        mustChangePassword: false,
        passwordExpiresAt: null,
        updatedAt: now,
      });
      await deleteOtherConsumerSessions(tx, consumer.id, auth.sessionId);
      const session = await openConsumerSession(tx, consumer.id, actor, now);
      await recordEvent(
        tx,
        actor,
        {
          action: 'consumer.password_changed',
          consumerId: consumer.id,
          details: {
            changes: [
              change('password'),
              ...(auth.passwordChangeRequired ? [change('mustChangePassword', true, false)] : []),
            ],
          },
        },
        now,
      );
      const updated = { ...consumer, mustChangePassword: false, passwordExpiresAt: null };
      // The forced change is done: the email check, if owed, comes next (within the send limits;
      // past them the consumer asks for the code again later).
      if (needsEmailCheck(updated)) {
        await sendCodeWithinLimits(tx, {
          consumer: updated,
          purpose: 'activation',
          audit: actor,
          now,
          limits,
        });
      }
      return { token: session.token, profile: toConsumerProfile(updated) };
    });
    mailQueued?.();
    return result;
  }

  return { changePassword };
}

export type PasswordChangeService = ReturnType<typeof createPasswordChangeService>;
