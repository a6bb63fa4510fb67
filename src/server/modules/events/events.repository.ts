import type { Tx } from '../../../db/client.js';
import { events } from '../../../db/schema/index.js';
import type { ActorType } from '../../../db/schema/index.js';
import { newId } from '../../shared/ids.js';

/** Who acted and from where: every service call that changes something receives one. */
export interface AuditContext {
  actorType: ActorType;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface EventInput {
  action: string;
  consumerId?: string | null;
  result?: 'success' | 'failure';
  /** Field names and reasons only: never secrets, never personal values (SR-95, SR-102). */
  details?: Record<string, unknown>;
}

export const systemAudit: AuditContext = {
  actorType: 'system',
  actorId: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

/** Appends one event-log row inside the caller's transaction, so it commits with the change. */
export async function recordEvent(
  tx: Tx,
  audit: AuditContext,
  input: EventInput,
  occurredAt: Date,
): Promise<void> {
  await tx.insert(events).values({
    id: newId(),
    occurredAt,
    actorType: audit.actorType,
    actorId: audit.actorId,
    action: input.action,
    consumerId: input.consumerId ?? null,
    result: input.result ?? 'success',
    details: input.details ?? {},
    ip: audit.ip,
    userAgent: audit.userAgent?.slice(0, 256) ?? null,
    requestId: audit.requestId,
  });
}
