import type { ConsumerFilter } from '../../../contracts/consumers.js';

export const consumerKeys = {
  all: ['admin', 'consumers'] as const,
  list: (filter: ConsumerFilter, cursor: string | null) =>
    ['admin', 'consumers', 'list', filter, cursor] as const,
  counts: ['admin', 'consumers', 'counts'] as const,
  search: (q: string, cursor: string | null) =>
    ['admin', 'consumers', 'search', q, cursor] as const,
  record: (consumerId: string) => ['admin', 'consumers', 'record', consumerId] as const,
  sessions: (consumerId: string) => ['admin', 'consumers', 'sessions', consumerId] as const,
};

export const settingsKey = ['admin', 'settings'] as const;

export const eventKeys = {
  all: ['admin', 'events'] as const,
  page: (filters: object, cursor: string | null) => ['admin', 'events', filters, cursor] as const,
};
