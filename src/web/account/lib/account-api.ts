import { z } from 'zod';

import { consumerProfileSchema } from '../../../contracts/auth.js';
import type { ChangePasswordBody, ConsumerProfile, SignInBody } from '../../../contracts/auth.js';
import { isApiError, requestEmpty, requestJson } from '../../lib/api-client.js';

const base = '/api/v1';
const profileReply = z.object({ consumer: consumerProfileSchema });

/** The signed-in consumer, or null when there is no session. */
export async function fetchMe(): Promise<ConsumerProfile | null> {
  try {
    return (await requestJson(`${base}/me`, profileReply)).consumer;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export async function signIn(body: SignInBody): Promise<ConsumerProfile> {
  return (await requestJson(`${base}/session`, profileReply, { method: 'POST', body })).consumer;
}

export function signOut(): Promise<void> {
  return requestEmpty(`${base}/session`, { method: 'DELETE' });
}

export async function changePassword(body: ChangePasswordBody): Promise<ConsumerProfile> {
  const reply = await requestJson(`${base}/me/password`, profileReply, { method: 'POST', body });
  return reply.consumer;
}
