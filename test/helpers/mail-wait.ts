import type { ReceivedMail, SmtpSink } from './smtp-sink.js';

export interface MailQuery {
  to: string;
  subject: string;
  /** Only mails received from this index of `sink.received` on: those an action caused. */
  from?: number;
}

const matches = (mail: ReceivedMail, { to, subject }: MailQuery) =>
  mail.to.includes(to) && mail.raw.includes(`Subject: ${subject}`);

/** Every mail received so far that answers the query. */
export function mailsMatching(sink: SmtpSink, query: MailQuery): ReceivedMail[] {
  return sink.received.slice(query.from ?? 0).filter((mail) => matches(mail, query));
}

/** Waits for the first mail to an address with a subject, as the delivery worker sends it. */
export async function waitForMail(
  sink: SmtpSink,
  query: MailQuery,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = mailsMatching(sink, query);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${query.subject}" to ${query.to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Subjects of the mails the tests wait for (see mail.templates.ts). */
export const subjects = {
  emailCheck: 'Verify your email address',
  signInCode: 'Your sign-in code',
  passwordReset: 'Your password was reset',
} as const;
