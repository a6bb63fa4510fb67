import type { Database } from '../../../db/client.js';
import type { Admin, AdminRole } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../shared/passwords.js';
import { hashToken } from '../../shared/tokens.js';
import { normalizeEmailKey } from '../consumers/consumer-input.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import {
  adminSessionLifetime,
  isSessionExpired,
  issueSessionToken,
  shouldTouchSession,
} from '../sessions/sessions.policy.js';
import {
  deleteAdminSession,
  deleteExpiredAdminSessions,
  findAdminByEmailKey,
  hasAnyAdmin,
  insertAdmin,
  insertAdminSession,
  prepareAdminSessionLookup,
  recordAdminSignIn,
  touchAdminSession,
} from './admins.repository.js';

export interface AdminAuthDeps {
  db: Database;
  clock: Clock;
}

export interface AuthenticatedAdmin {
  id: string;
  email: string;
  name: string;
  role: AdminRole;
  sessionId: string;
}

export const invalidAdminCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'Wrong email address or password.');

function toAuthenticated(admin: Admin, sessionId: string): AuthenticatedAdmin {
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role, sessionId };
}

export function createAdminAuthService({ db, clock }: AdminAuthDeps) {
  const findSessionByTokenHash = prepareAdminSessionLookup(db);

  async function signIn(email: string, password: string, audit: AuditContext) {
    const admin = await findAdminByEmailKey(db, normalizeEmailKey(email));
    const valid = admin
      ? await verifyPassword(admin.passwordHash, password)
      : await verifyAgainstDummy(password);
    const now = clock.now();
    if (!admin || !valid) {
      await db.transaction((tx) =>
        recordEvent(
          tx,
          // Sign-in comes through a public route: the actor is the account that was tried.
          { ...audit, actorType: 'admin', actorId: admin?.id ?? null },
          {
            action: 'admin.sign_in',
            result: 'failure',
            details: { reason: 'invalid_credentials' },
          },
          now,
        ),
      );
      throw invalidAdminCredentials();
    }
    const { token, tokenHash } = issueSessionToken();
    const sessionId = newId();
    await db.transaction(async (tx) => {
      await deleteExpiredAdminSessions(tx, admin.id, now, adminSessionLifetime.idleMs);
      await insertAdminSession(tx, {
        id: sessionId,
        adminId: admin.id,
        tokenHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + adminSessionLifetime.absoluteMs),
        ip: audit.ip,
        userAgent: audit.userAgent?.slice(0, 256) ?? null,
      });
      await recordAdminSignIn(tx, admin.id, now);
      const actor = { ...audit, actorType: 'admin' as const, actorId: admin.id };
      await recordEvent(tx, actor, { action: 'admin.sign_in' }, now);
    });
    return { token, admin: toAuthenticated(admin, sessionId) };
  }

  /** Resolves a cookie to its admin, or null when unknown or expired (every request, SR-32). */
  async function authenticate(token: string): Promise<AuthenticatedAdmin | null> {
    const found = await findSessionByTokenHash(hashToken(token));
    if (!found) return null;
    const now = clock.now();
    if (isSessionExpired(found.session, adminSessionLifetime, now)) {
      await deleteAdminSession(db, found.session.id);
      return null;
    }
    if (shouldTouchSession(found.session, now)) await touchAdminSession(db, found.session.id, now);
    return toAuthenticated(found.admin, found.session.id);
  }

  async function signOut(admin: AuthenticatedAdmin, audit: AuditContext): Promise<void> {
    await db.transaction(async (tx) => {
      await deleteAdminSession(tx, admin.sessionId);
      await recordEvent(tx, audit, { action: 'admin.sign_out' }, clock.now());
    });
  }

  return { signIn, authenticate, signOut };
}

export type AdminAuthService = ReturnType<typeof createAdminAuthService>;

export interface FirstOwnerOptions {
  email?: string | undefined;
  password?: string | undefined;
}

export type FirstOwnerOutcome =
  | { kind: 'existing' }
  | { kind: 'created-from-environment'; email: string }
  | { kind: 'generated'; email: string; password: string };

/**
 * Creates the first owner when no administrator exists: from ADMIN_EMAIL / ADMIN_PASSWORD, or
 * with a generated one-time password that the caller prints once.
 */
export async function ensureFirstOwner(
  { db, clock }: AdminAuthDeps,
  options: FirstOwnerOptions,
  generatePassword: () => string,
): Promise<FirstOwnerOutcome> {
  if (await hasAnyAdmin(db)) return { kind: 'existing' };
  const email = options.email ?? 'admin@gatehouse.local';
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  const id = newId();
  await db.transaction(async (tx) => {
    await insertAdmin(tx, {
      id,
      email,
      emailKey: normalizeEmailKey(email),
      name: 'Owner',
      role: 'owner',
      passwordHash,
      createdAt: now,
    });
    await recordEvent(
      tx,
      { actorType: 'system', actorId: null, ip: null, userAgent: null, requestId: null },
      { action: 'admin.created', details: { adminId: id, role: 'owner' } },
      now,
    );
  });
  return options.password
    ? { kind: 'created-from-environment', email }
    : { kind: 'generated', email, password };
}
