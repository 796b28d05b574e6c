import type { FastifyInstance } from 'fastify';
import { errorBodyOf } from './error-handler.ts';

const SEGMENTS = /^(\/[A-Za-z0-9._~-]+)+$/;

/**
 * The GONGHUI_BASE_PATH setting as `/a/b` (no trailing slash), or '' for the root. Refuses anything
 * that is not plain path segments, since it lands in a cookie path and in every page.
 */
export function normalizeBasePath(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  const withSlash = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  if (!SEGMENTS.test(withSlash) || withSlash.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(
      `GONGHUI_BASE_PATH 设置有误：“${raw}”。应为以 / 开头的路径，只含字母、数字和 . _ ~ -，例如 /gonghui`,
    );
  }
  return withSlash;
}

/** Whether a request path (with its query) lies under the base path. */
export function isUnderBasePath(url: string, basePath: string): boolean {
  if (!basePath) return true;
  if (!url.startsWith(basePath)) return false;
  const next = url.charAt(basePath.length);
  return next === '' || next === '/' || next === '?';
}

/** The URL the routes see: the request's URL without the base path (for Fastify's rewriteUrl). */
export function stripBasePath(url: string, basePath: string): string {
  if (!basePath || !isUnderBasePath(url, basePath)) return url;
  const rest = url.slice(basePath.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * Serves the app under the base path (the proxy passes the path on unchanged): a request outside it
 * answers 404, except the root, which is sent to the app; redirects the routes answer keep the prefix.
 */
export function registerBasePath(app: FastifyInstance, basePath: string) {
  if (!basePath) return;
  app.addHook('onRequest', async (request, reply) => {
    if (isUnderBasePath(request.originalUrl, basePath)) return;
    if (request.method === 'GET' && request.originalUrl === '/') return reply.redirect(`${basePath}/`);
    return reply.status(404).send(errorBodyOf('NOT_FOUND', '请求的地址不存在'));
  });
  app.addHook('onSend', async (request, reply) => {
    const location = reply.getHeader('location');
    if (
      typeof location === 'string' &&
      location.startsWith('/') &&
      !location.startsWith('//') &&
      !isUnderBasePath(location, basePath)
    ) {
      reply.header('location', `${basePath}${location}`);
    }
  });
}
