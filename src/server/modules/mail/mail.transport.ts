import nodemailer from 'nodemailer';

import type { Message } from '../../../db/schema/index.js';

export interface MailTransport {
  /** `smtp` delivers for real; `mailbox` keeps messages for the development mailbox page. */
  kind: 'smtp' | 'mailbox';
  send(message: Message): Promise<void>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  // Short timeouts: a hung SMTP server delays the worker, never a request.
  const url = new URL(smtpUrl);
  for (const [name, value] of [
    ['connectionTimeout', '10000'],
    ['greetingTimeout', '10000'],
    ['socketTimeout', '20000'],
  ]) {
    if (name && value && !url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  const transporter = nodemailer.createTransport(url.toString());
  return {
    kind: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.body ?? '',
      });
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP the outbox itself is the mailbox: "sending" only marks the message delivered. */
export const mailboxTransport: MailTransport = {
  kind: 'mailbox',
  send: async () => undefined,
  close: () => undefined,
};
