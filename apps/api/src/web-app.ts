import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '@app/platform';

/** Paths the API answers itself: an unknown one there is a JSON 404, never the web page. */
const API_PREFIXES = ['/api/', '/docs', '/health', '/admin/'];

/**
 * A strict policy for the pages: scripts only from this origin, no inline script, no framing.
 * Styles allow 'unsafe-inline' because antd writes its CSS-in-JS into <style> elements.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The built web app: dist/web at the repository root, from the sources or from dist/. */
export function webRootOf(): string {
  const fromEnv = process.env.WEB_ROOT;
  if (fromEnv) return resolve(fromEnv);
  const root = resolve(__dirname, __dirname.split(/[\\/]/).includes('dist') ? '../../../..' : '../../..');
  return join(root, 'dist/web');
}

/**
 * Serves the web app at `/`: hashed assets with a year's cache (their names change with their
 * content), index.html never cached, and every other GET that is not an API path answered with
 * index.html so that a deep link (/jobs/…, /me) loads on reload.
 */
export async function serveWebApp(fastify: FastifyInstance, root = webRootOf()): Promise<boolean> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  const page = (reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(index);
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // Files are found at start-up (the build does not change under a running server); the
    // catch-all below answers the rest.
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset (apps/web/vite.config.mts).
    preCompressed: true,
    // Our own Cache-Control below (send's default would be max-age=0).
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
    },
  });
  fastify.get('/', (_req, reply) => page(reply));
  // A path parameter over Fastify's limit matches no route and lands here: it keeps its 414.
  const maxSegment = fastify.initialConfig.maxParamLength ?? 100;
  fastify.get('/*', (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0]!;
    if (path.split('/').some((segment) => segment.length > maxSegment)) {
      return sendError(reply, 414, {
        error: { code: 'uri-too-long', message: 'A path segment is too long' },
      });
    }
    if (API_PREFIXES.some((p) => path.startsWith(p)) || path.startsWith('/assets/')) {
      return sendError(reply, 404, {
        error: { code: 'not-found', message: `No route ${req.method} ${path}` },
      });
    }
    return page(reply);
  });
  return true;
}
