import {
  consumerSessionsSchema,
  passwordResetSchema,
} from '../../../contracts/account-security.js';
import { consumerSchema } from '../../../contracts/consumers.js';
import { requestEmpty, requestJson } from '../../lib/api-client.js';

const consumerPath = (consumerId: string) =>
  `/api/admin/v1/consumers/${encodeURIComponent(consumerId)}`;

/** The record's bodiless state changes, named by their path segment. */
export type ConsumerAction =
  'suspend' | 'restore' | 'force-activation' | 'require-password-change' | 'sign-out-everywhere';

export function runConsumerAction(consumerId: string, action: ConsumerAction) {
  return requestJson(`${consumerPath(consumerId)}/${action}`, consumerSchema, { method: 'POST' });
}

export function resetConsumerPassword(consumerId: string) {
  return requestJson(`${consumerPath(consumerId)}/password-reset`, passwordResetSchema, {
    method: 'POST',
  });
}

export function setConsumerTwoStep(consumerId: string, enabled: boolean) {
  return requestJson(`${consumerPath(consumerId)}/two-step`, consumerSchema, {
    method: 'PUT',
    body: { enabled },
  });
}

export function setConsumerProjectLimit(consumerId: string, projectLimit: number) {
  return requestJson(`${consumerPath(consumerId)}/project-limit`, consumerSchema, {
    method: 'PUT',
    body: { projectLimit },
  });
}

export function listConsumerSessions(consumerId: string) {
  return requestJson(`${consumerPath(consumerId)}/sessions`, consumerSessionsSchema);
}

export function deleteConsumer(consumerId: string) {
  return requestEmpty(consumerPath(consumerId), { method: 'DELETE' });
}
