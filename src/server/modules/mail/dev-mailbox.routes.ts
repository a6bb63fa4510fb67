import escapeHtml from 'escape-html';
import type { FastifyPluginAsync } from 'fastify';

import type { Database } from '../../../db/client.js';
import type { Message } from '../../../db/schema/index.js';
import { listRecentMessages } from './outbox.repository.js';

export interface DevMailboxOptions {
  db: Database;
}

function renderMessage(message: Message): string {
  const body = message.body ?? '(content removed after delivery)';
  return `<article>
  <header><strong>${escapeHtml(message.subject)}</strong>
  <span>to ${escapeHtml(message.recipient)} · ${message.createdAt.toISOString()} · ${message.status}</span></header>
  <pre>${escapeHtml(body)}</pre>
</article>`;
}

/**
 * Development mailbox: without SMTP, the messages Gatehouse would send are read here, newest
 * first. Never registered in production.
 */
export const devMailboxRoutes: FastifyPluginAsync<DevMailboxOptions> = async (app, { db }) => {
  app.get(
    '/dev/mailbox',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      const recent = await listRecentMessages(db, 50);
      const items = recent.map(renderMessage).join('\n');
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development mailbox · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem}
article{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}
header span{display:block;color:#555;font-size:.9rem}pre{white-space:pre-wrap}</style></head>
<body><h1>Development mailbox</h1>
<p>Messages Gatehouse sent while no SMTP server is configured, newest first.</p>
${items || '<p>No message yet.</p>'}
</body></html>`;
    },
  );
};
