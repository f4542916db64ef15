import type { FastifyInstance } from 'fastify';

/**
 * Lets a closing server drain: once `close()` starts, every response still being sent carries
 * `Connection: close`, and each finished response closes whatever connections are idle by
 * then. Keep-alive connections of requests that were in flight would otherwise hold the
 * process open until their idle timeout. New requests on those connections get Fastify's 503,
 * which devices retry.
 */
export function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (closing) app.server.closeIdleConnections();
  });
}
