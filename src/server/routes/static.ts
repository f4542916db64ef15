import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API } from '../../shared/api';

const ENGAGEMENT_PAGE = /^\/e\/([a-z0-9][a-z0-9-]{0,63})(?:\/|$)/;

/** Cache-Control for content-hashed build output: its name changes whenever its bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built app from `staticDir`. Files under /assets/ are content-hashed and cached
 * for a year; everything else (index.html, sw.js, the manifest, icons) is revalidated on each
 * use, so a new release reaches devices on the next visit. Any other GET outside /api/ gets
 * index.html, so routes of the single-page app work when opened directly. Unknown /api/ paths
 * and missing /assets/ files get a 404, never the page.
 */
export async function staticRoutes(app: FastifyInstance, opts: { staticDir: string }): Promise<void> {
  const root = resolve(opts.staticDir);
  const assets = `${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root,
    // The build writes .br and .gz copies; the one the browser accepts is sent as is.
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.startsWith(root + assets) ? IMMUTABLE : 'no-cache');
    },
  });

  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0];
    const page = req.method === 'GET' || req.method === 'HEAD';
    if (!page || path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/')) {
      return reply.code(404).send({ error: `not found: ${req.method} ${path}` });
    }
    if (!existsSync(join(root, 'index.html'))) {
      return reply.code(404).send({ error: 'the app is not built; run npm run build' });
    }
    // A deep link to an engagement (what a QR code opens) needs its bundle next; asking for it
    // alongside the page's script saves a round trip on a slow first visit.
    const slug = ENGAGEMENT_PAGE.exec(path)?.[1];
    if (slug) reply.header('link', `<${API.engagement(slug)}>; rel=preload; as=fetch; crossorigin`);
    return reply.code(200).sendFile('index.html');
  });
}
