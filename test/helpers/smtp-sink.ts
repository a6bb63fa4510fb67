import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Waits for the `count`-th message to arrive and returns it. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives: on a free port, or on `port` to
 * bring back a sink a test closed, at the address the app already uses.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        done();
      });
    },
  });
  // A client that dies mid-conversation (a killed server process) resets its connection; that is
  // the client's failure, not the sink's, and must not surface as an uncaught error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} mails`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const mail = received[count - 1];
      if (!mail) throw new Error('mail missing');
      return mail;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first run of `digits` digits in a received mail's text: the code it carries. */
export function codeIn(mail: ReceivedMail, digits: number): string {
  const match = new RegExp(`\\b(\\d{${digits}})\\b`).exec(
    mail.raw.split('\r\n\r\n').slice(1).join('\n'),
  );
  if (!match?.[1]) throw new Error('no code in mail');
  return match[1];
}
