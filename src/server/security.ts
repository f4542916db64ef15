import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';

/**
 * Security settings shared by the whole server: response headers, log redaction and the
 * anonymous keys rate limits count by.
 */

/**
 * Helmet settings. The CSP has no 'unsafe-inline' anywhere: the built app ships only files
 * from this origin. No `upgrade-insecure-requests`, because at an event the server may be
 * reached over plain HTTP on a local network.
 */
export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
  xContentTypeOptions: true,
};

/**
 * Logger settings: a request is logged by method, path and id only. Fastify's default
 * serializer adds the remote address, host and port; we never want an IP in a log.
 */
export function loggerOptions(enabled: boolean, stream?: { write(line: string): void }): false | Record<string, unknown> {
  if (!enabled) return false;
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: stripQuery(req.url),
        id: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

function stripQuery(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

// A fresh secret each process: the keys below cannot be reversed to an IP address, nor
// linked across restarts.
const processSecret = randomBytes(32);

/**
 * A short keyed hash standing in for a value we must count by but must not keep (an IP
 * address, an e-mail address in a failure counter).
 */
export function anonymousKey(value: string): string {
  return createHmac('sha256', processSecret).update(value).digest('base64url').slice(0, 16);
}

/** Rate-limit key for a request: an anonymous key of its address, never the address itself. */
export function rateLimitKey(req: FastifyRequest): string {
  return anonymousKey(req.ip);
}
