import type { FastifyReply } from 'fastify';

export interface SessionCookieSettings {
  name: string;
  secure: boolean;
  sameSite: 'strict' | 'lax';
  maxAgeSeconds: number;
}

/** Cookie names: the `__Host-` prefix pins them to this host, which HTTPS requires (SR-30). */
export function sessionCookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return {
    admin: `${prefix}gh_admin`,
    consumer: `${prefix}gh_session`,
    challenge: `${prefix}gh_challenge`,
  };
}

export function setSessionCookie(
  reply: FastifyReply,
  settings: SessionCookieSettings,
  token: string,
): void {
  reply.setCookie(settings.name, token, {
    path: '/',
    httpOnly: true,
    secure: settings.secure,
    sameSite: settings.sameSite,
    maxAge: settings.maxAgeSeconds,
  });
}

/** Drops a cookie without touching the others (e.g. a used sign-in challenge). */
export function expireCookie(reply: FastifyReply, settings: SessionCookieSettings): void {
  reply.clearCookie(settings.name, {
    path: '/',
    httpOnly: true,
    secure: settings.secure,
    sameSite: settings.sameSite,
  });
}

/** Sign-out: forget the cookie here and ask the browser to drop what it kept (SR-34). */
export function clearSessionCookie(reply: FastifyReply, settings: SessionCookieSettings): void {
  expireCookie(reply, settings);
  reply.header('clear-site-data', '"cookies", "storage"');
}
