import type { FastifyBaseLogger } from 'fastify';

import type { Database } from '../../../db/client.js';
import type { Message } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
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
  maxAttempts?: number;
}

const batchSize = 10;

/** 2 s, 4 s, 8 s … capped at 5 minutes between tries. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** attempts, 5 * 60_000);
}

/**
 * Sends what the outbox holds, in this process, beside the HTTP server. Several processes can run
 * it at once: claims skip rows another worker holds.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { db, clock, transport, log } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let stopped = true;

  async function deliver(message: Message): Promise<void> {
    const now = clock.now();
    if (message.expiresAt && message.expiresAt <= now) {
      await markMessageFinal(db, message, 'expired', null);
      log.info({ event: 'message.expired', messageId: message.id }, 'stale code not sent');
      return;
    }
    try {
      await transport.send(message);
      await markMessageSent(db, message, clock.now(), transport.kind);
      log.info(
        { event: 'message.sent', messageId: message.id, template: message.template },
        'message sent',
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      if (message.attempts >= maxAttempts) {
        await markMessageFinal(db, message, 'failed', reason);
        log.error({ event: 'message.failed', messageId: message.id, reason }, 'message gave up');
      } else {
        const next = new Date(clock.now().getTime() + retryDelayMs(message.attempts));
        await markMessageRetry(db, message.id, next, reason);
        log.warn({ event: 'message.retry', messageId: message.id, reason }, 'message will retry');
      }
    }
  }

  /** Sends every due message; resolves with how many were handled. */
  async function drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const claimed = await claimDueMessages(db, clock.now(), batchSize);
      for (const message of claimed) await deliver(message);
      handled += claimed.length;
      if (claimed.length < batchSize) return handled;
    }
  }

  function runOnce(): Promise<number> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number) {
    if (stopped) return;
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
      stopped = false;
      schedule(0);
    },
    /** Stops polling and waits for the message being sent, if any. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
