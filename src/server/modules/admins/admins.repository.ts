import { and, eq, lt, or, sql } from 'drizzle-orm';

import type { Database, Queryable, Tx } from '../../../db/client.js';
import { adminSessions, admins } from '../../../db/schema/index.js';
import type { Admin, AdminRole, AdminSession } from '../../../db/schema/index.js';

export async function findAdminByEmailKey(db: Queryable, emailKey: string): Promise<Admin | null> {
  const [admin] = await db.select().from(admins).where(eq(admins.emailKey, emailKey)).limit(1);
  return admin ?? null;
}

export async function hasAnyAdmin(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ id: admins.id }).from(admins).limit(1);
  return Boolean(row);
}

export interface NewAdminInput {
  id: string;
  email: string;
  emailKey: string;
  name: string;
  role: AdminRole;
  passwordHash: string;
  createdAt: Date;
}

export async function insertAdmin(tx: Tx, input: NewAdminInput): Promise<void> {
  await tx.insert(admins).values(input);
}

export async function recordAdminSignIn(tx: Tx, adminId: string, at: Date): Promise<void> {
  await tx.update(admins).set({ lastSignInAt: at }).where(eq(admins.id, adminId));
}

export interface AdminSessionInput {
  id: string;
  adminId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertAdminSession(tx: Tx, input: AdminSessionInput): Promise<void> {
  await tx.insert(adminSessions).values({ ...input, lastSeenAt: input.createdAt });
}

export type AdminSessionLookup = (
  tokenHash: string,
) => Promise<{ session: AdminSession; admin: Admin } | null>;

/**
 * The session check that runs before every console request, built once as a named prepared
 * statement: PostgreSQL plans it once per connection and no SQL is rebuilt per request.
 */
export function prepareAdminSessionLookup(db: Database): AdminSessionLookup {
  const query = db
    .select({ session: adminSessions, admin: admins })
    .from(adminSessions)
    .innerJoin(admins, eq(admins.id, adminSessions.adminId))
    .where(eq(adminSessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('admin_session_by_token_hash');
  return async (tokenHash) => {
    const [row] = await query.execute({ tokenHash });
    return row ?? null;
  };
}

export async function touchAdminSession(db: Queryable, sessionId: string, at: Date): Promise<void> {
  await db.update(adminSessions).set({ lastSeenAt: at }).where(eq(adminSessions.id, sessionId));
}

export async function deleteAdminSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.id, sessionId));
}

/** Removes this admin's sessions that are past their idle or absolute limit. */
export async function deleteExpiredAdminSessions(
  tx: Tx,
  adminId: string,
  now: Date,
  idleMs: number,
): Promise<void> {
  const idleCutoff = new Date(now.getTime() - idleMs);
  await tx
    .delete(adminSessions)
    .where(
      and(
        eq(adminSessions.adminId, adminId),
        or(lt(adminSessions.expiresAt, now), lt(adminSessions.lastSeenAt, idleCutoff)),
      ),
    );
}
