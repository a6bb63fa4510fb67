import { eventPageSchema } from '../../../contracts/events.js';
import { requestJson } from '../../lib/api-client.js';

export interface EventFilters {
  consumerId: string;
  adminId: string;
  action: string;
  from: string;
  to: string;
}

export const noEventFilters: EventFilters = {
  consumerId: '',
  adminId: '',
  action: '',
  from: '',
  to: '',
};

const pageSize = 25;

/** One page of the event log, newest first; empty filters are left out of the query. */
export function listEvents(filters: EventFilters, cursor: string | null) {
  return requestJson('/api/admin/v1/events', eventPageSchema, {
    query: { ...filters, cursor, limit: pageSize },
  });
}
