import { z } from 'zod';

import { eventActionLabels, eventValueSchema } from '../../../contracts/events.js';
import type { EventChange, EventItem } from '../../../contracts/events.js';
import type { ListedEvent, PersonName } from './events.repository.js';

/**
 * What services store in `details`: the changed fields (with before → after where the value is
 * not personal), for a failure why, and the few other keys the schema allows (SR-94).
 */
export type { EventDetails } from './events.schemas.js';

// Personal values never reach the append-only log (SR-102): even if a caller stored one by
// mistake, the list sends only the field's name.
export const personalFields: ReadonlySet<string> = new Set([
  'firstName',
  'lastName',
  'email',
  'phone',
]);

/** One change entry; personal fields keep their name only. */
export function change(
  field: string,
  before?: z.infer<typeof eventValueSchema>,
  after?: z.infer<typeof eventValueSchema>,
): EventChange {
  if (personalFields.has(field)) return { field };
  return {
    field,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

const storedDetails = z.object({
  changes: z
    .array(
      z.object({
        field: z.string(),
        before: eventValueSchema.optional(),
        after: eventValueSchema.optional(),
      }),
    )
    .optional()
    .catch(undefined),
  reason: z.string().optional().catch(undefined),
});

const fullName = (name: PersonName) => `${name.firstName} ${name.lastName}`;

function actorOf({ event, adminEmail, actorName }: ListedEvent): EventItem['actor'] {
  const base = { type: event.actorType, id: event.actorId };
  if (event.actorType === 'admin') return { ...base, label: adminEmail ?? 'Administrator' };
  if (event.actorType === 'consumer') {
    return { ...base, label: actorName ? `Consumer ${fullName(actorName)}` : 'Consumer' };
  }
  return { ...base, label: 'System' };
}

const isKnownAction = (action: string): action is keyof typeof eventActionLabels =>
  Object.hasOwn(eventActionLabels, action);

/** The list entry of one event: labels resolved, details reduced to what may be shown. */
export function toEventItem(listed: ListedEvent): EventItem {
  const { event, consumerName } = listed;
  const details = storedDetails.safeParse(event.details);
  const stored = details.success ? details.data : {};
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: actorOf(listed),
    action: event.action,
    actionLabel: isKnownAction(event.action) ? eventActionLabels[event.action] : event.action,
    consumer: event.consumerId
      ? { id: event.consumerId, label: consumerName ? fullName(consumerName) : null }
      : null,
    result: event.result === 'failure' ? 'failure' : 'success',
    reason: stored.reason ?? null,
    ip: event.ip,
    changes: (stored.changes ?? []).map((entry) => change(entry.field, entry.before, entry.after)),
  };
}
