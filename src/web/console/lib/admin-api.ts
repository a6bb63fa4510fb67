import { z } from 'zod';

import { adminProfileSchema } from '../../../contracts/auth.js';
import type { AdminProfile, SignInBody } from '../../../contracts/auth.js';
import {
  consumerCountsSchema,
  consumerPageSchema,
  consumerSchema,
  createdConsumerSchema,
} from '../../../contracts/consumers.js';
import type {
  ConsumerFilter,
  ConsumerView,
  CreateConsumerBody,
  UpdateCoordinatesBody,
  UpdateIdentityBody,
} from '../../../contracts/consumers.js';
import { isApiError, requestEmpty, requestJson } from '../../lib/api-client.js';

const base = '/api/admin/v1';
const pageSize = 20;
const sessionSchema = z.object({ admin: adminProfileSchema });

/** The signed-in administrator, or null when there is no console session. */
export async function fetchAdminSession(): Promise<AdminProfile | null> {
  try {
    return (await requestJson(`${base}/session`, sessionSchema)).admin;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export async function signInAdmin(body: SignInBody): Promise<AdminProfile> {
  return (await requestJson(`${base}/session`, sessionSchema, { method: 'POST', body })).admin;
}

export function signOutAdmin(): Promise<void> {
  return requestEmpty(`${base}/session`, { method: 'DELETE' });
}

export function listConsumers(filter: ConsumerFilter, cursor: string | null) {
  return requestJson(`${base}/consumers`, consumerPageSchema, {
    query: { filter, cursor, limit: pageSize },
  });
}

export function countConsumers() {
  return requestJson(`${base}/consumers/counts`, consumerCountsSchema);
}

export function searchConsumers(q: string, cursor: string | null) {
  return requestJson(`${base}/consumers/search`, consumerPageSchema, {
    query: { q, cursor, limit: pageSize },
  });
}

export function getConsumer(consumerId: string) {
  return requestJson(`${base}/consumers/${encodeURIComponent(consumerId)}`, consumerSchema);
}

export function createConsumer(body: CreateConsumerBody) {
  return requestJson(`${base}/consumers`, createdConsumerSchema, { method: 'POST', body });
}

/** Edits are conditional on the version the admin saw; a newer one answers 412. */
function updateConsumer(consumer: ConsumerView, part: 'identity' | 'coordinates', body: unknown) {
  return requestJson(
    `${base}/consumers/${encodeURIComponent(consumer.id)}/${part}`,
    consumerSchema,
    { method: 'PATCH', body, headers: { 'If-Match': `"${consumer.version}"` } },
  );
}

export function updateIdentity(consumer: ConsumerView, body: UpdateIdentityBody) {
  return updateConsumer(consumer, 'identity', body);
}

export function updateCoordinates(consumer: ConsumerView, body: UpdateCoordinatesBody) {
  return updateConsumer(consumer, 'coordinates', body);
}

/** The record as it is now, carried by a 412 version mismatch. */
export function currentVersionOf(error: unknown): ConsumerView | null {
  if (!isApiError(error, 412)) return null;
  const parsed = consumerSchema.safeParse(error.details.current);
  return parsed.success ? parsed.data : null;
}
