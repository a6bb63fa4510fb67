import type { FastifyBaseLogger } from 'fastify';

import type { Database } from '../../../db/client.js';
import type { Message } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { recordEvent, systemAudit } from '../events/events.repository.js';
import type { MailTransport } from './mail.transport.js';
import {
  claimDueMessages,
  markMessageFinal,
  markMessageRetry,
  markMessageSent,
} from './outbox.repository.js';

export interface DeliveryWorkerOptions {
  db: Database;
  clock: Clock;
  transport: MailTransport;
  log: FastifyBaseLogger;
  pollIntervalMs?: number;
  /** Tries before a message is given up as failed (the dead letter). */
  maxAttempts?: number;
  /** How long a claimed message stays this worker's; it must outlast one send. */
  claimLeaseMs?: number;
}

export const defaultMaxAttempts = 8;
export const defaultClaimLeaseMs = 60_000;

/** 2 s, 4 s, 8 s … capped at 5 minutes between tries. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** attempts, 5 * 60_000);
}

interface SendFailure {
  /** Kept on the row for the operator; SMTP replies may name the recipient, so never logged. */
  reason: string;
  errorCode: string | null;
}

function describeSendFailure(error: unknown): SendFailure {
  if (!(error instanceof Error)) return { reason: 'unknown error', errorCode: null };
  const { code } = error as Error & { code?: unknown };
  return { reason: error.message.slice(0, 500), errorCode: typeof code === 'string' ? code : null };
}

/**
 * Sends what the outbox holds, in this process, beside the HTTP server. Several processes can run
 * it at once: claims skip rows another worker holds. A message is claimed one at a time, so its
 * lease covers a single send and a stopping worker leaves nothing else reserved.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { db, clock, transport, log } = options;
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const claimLeaseMs = options.claimLeaseMs ?? defaultClaimLeaseMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let queued: Promise<number> | null = null;
  let polling = false;
  let closed = false;

  async function giveUp(message: Message, failure: SendFailure): Promise<void> {
    const now = clock.now();
    const failed = await db.transaction(async (tx) => {
      if (!(await markMessageFinal(tx, message, 'failed', failure.reason))) return false;
      await recordEvent(
        tx,
        systemAudit,
        {
          action: 'message.failed',
          consumerId: message.consumerId,
          result: 'failure',
          details: { reason: 'attempts_exhausted' },
        },
        now,
      );
      return true;
    });
    if (failed) {
      const { errorCode } = failure;
      log.error({ event: 'message.failed', messageId: message.id, errorCode }, 'message gave up');
    }
  }

  async function retryLater(message: Message, failure: SendFailure): Promise<void> {
    const next = new Date(clock.now().getTime() + retryDelayMs(message.attempts));
    if (await markMessageRetry(db, message, next, failure.reason)) {
      log.warn(
        { event: 'message.retry', messageId: message.id, errorCode: failure.errorCode },
        'message will retry',
      );
    }
  }

  async function deliver(message: Message): Promise<void> {
    if (message.expiresAt && message.expiresAt <= clock.now()) {
      await markMessageFinal(db, message, 'expired', null);
      log.info({ event: 'message.expired', messageId: message.id }, 'stale code not sent');
      return;
    }
    try {
      await transport.send(message);
    } catch (error) {
      const failure = describeSendFailure(error);
      await (message.attempts >= maxAttempts ? giveUp : retryLater)(message, failure);
      return;
    }
    await markMessageSent(db, message, clock.now(), transport.kind);
    log.info(
      { event: 'message.sent', messageId: message.id, template: message.template },
      'message sent',
    );
  }

  /** Sends due messages until none is left or the worker stops; resolves with how many. */
  async function drain(): Promise<number> {
    let handled = 0;
    while (!closed) {
      const [message] = await claimDueMessages(db, clock.now(), 1, claimLeaseMs);
      if (!message) break;
      await deliver(message);
      handled += 1;
    }
    return handled;
  }

  /** One pass that starts after this call, so a message committed just before it is seen. */
  function runOnce(): Promise<number> {
    if (closed) return Promise.resolve(0);
    if (!running) {
      running = drain().finally(() => {
        running = null;
      });
      return running;
    }
    // The pass under way may have looked before the caller's message committed.
    const ignore = () => undefined;
    queued ??= running.then(ignore, ignore).then(() => {
      queued = null;
      return runOnce();
    });
    return queued;
  }

  function schedule(delayMs: number) {
    if (!polling || closed) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'outbox delivery failed'))
        .finally(() => schedule(options.pollIntervalMs ?? 1000));
    }, delayMs);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      polling = true;
      schedule(0);
    },
    /** Stops for good once the message being sent, if any, is marked. */
    async stop() {
      closed = true;
      polling = false;
      clearTimeout(timer);
      await Promise.allSettled([running, queued]);
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
