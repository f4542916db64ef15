import type { FastifyRequest } from 'fastify';
import type { Session } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in organiser; set on every route behind the organiser guard. */
    organiser: Session | null;
  }
  interface FastifyContextConfig {
    /** An unsafe-method route analysts may call too (e.g. signing out); all others need an owner. */
    anyRole?: boolean;
  }
}

/** Cookie holding the CSRF secret; the token made from it travels in the `x-csrf-token` header. */
export const CSRF_COOKIE = '__Host-heard_csrf';

/**
 * Options of the session and CSRF cookies. `__Host-` cookies must be Secure, Path=/ and carry
 * no Domain; SameSite=Strict keeps other sites from riding on the session.
 */
export const COOKIE_OPTIONS = { path: '/', secure: true, httpOnly: true, sameSite: 'strict' } as const;

/** The signed-in organiser of a guarded route (the guard has made sure there is one). */
export function organiserOf(req: FastifyRequest): Session {
  if (!req.organiser) throw new Error('organiser route without the organiser guard');
  return req.organiser;
}

/** A route pattern from a `WORKSPACE_API` path function: `:slug` where the slug goes. */
export function slugRoute(path: (slug: string) => string): string {
  return path('SLUG').replace('SLUG', ':slug');
}
