import { z } from 'zod';

import {
  codeSentSchema,
  consumerProfileSchema,
  twoStepRequiredSchema,
} from '../../../contracts/auth.js';
import type { ChangePasswordBody, ConsumerProfile, SignInBody } from '../../../contracts/auth.js';
import { isApiError, requestEmpty, requestJson } from '../../lib/api-client.js';

const base = '/api/v1';
const profileReply = z.object({ consumer: consumerProfileSchema });

/** What a right email and password lead to: a session, or an emailed code to enter first. */
export type SignInResult =
  { kind: 'signed-in'; consumer: ConsumerProfile } | { kind: 'two-step'; sentTo: string };

/** The signed-in consumer, or null when there is no session. */
export async function fetchMe(): Promise<ConsumerProfile | null> {
  try {
    return (await requestJson(`${base}/me`, profileReply)).consumer;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export async function signIn(body: SignInBody): Promise<SignInResult> {
  const reply = await requestJson(
    `${base}/session`,
    z.union([profileReply, twoStepRequiredSchema]),
    {
      method: 'POST',
      body,
    },
  );
  return 'consumer' in reply
    ? { kind: 'signed-in', consumer: reply.consumer }
    : { kind: 'two-step', sentTo: reply.sentTo };
}

/** The second step of a sign-in; the server knows the attempt by its challenge cookie. */
export async function completeTwoStep(code: string): Promise<ConsumerProfile> {
  const reply = await requestJson(`${base}/session/two-step`, profileReply, {
    method: 'POST',
    body: { code },
  });
  return reply.consumer;
}

export function resendTwoStepCode(): Promise<{ sentTo: string }> {
  return requestJson(`${base}/session/two-step/resend`, codeSentSchema, { method: 'POST' });
}

export function signOut(): Promise<void> {
  return requestEmpty(`${base}/session`, { method: 'DELETE' });
}

export async function changePassword(body: ChangePasswordBody): Promise<ConsumerProfile> {
  const reply = await requestJson(`${base}/me/password`, profileReply, { method: 'POST', body });
  return reply.consumer;
}

export function requestEmailCheckCode(): Promise<{ sentTo: string }> {
  return requestJson(`${base}/me/email-verification`, codeSentSchema, { method: 'POST' });
}

export async function confirmEmailCheck(code: string): Promise<ConsumerProfile> {
  const reply = await requestJson(`${base}/me/email-verification/confirm`, profileReply, {
    method: 'POST',
    body: { code },
  });
  return reply.consumer;
}
