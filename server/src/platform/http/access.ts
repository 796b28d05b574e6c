import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { roleAllows, type RouteAccess } from '../auth/permissions.ts';
import { sessionRepository } from '../auth/session.repository.ts';
import { today } from '../orgs/dates.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'gonghui_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every /api route must declare it. */
    access?: RouteAccess;
  }
}

export const hashSessionToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Routes served by libraries (the API docs viewer) that declare nothing of their own. */
export const isLibraryRoute = (url: string) => url.startsWith('/api/docs');

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** The names of the query parameters its schema declares (for the contract tests). */
  queryNames: string[];
}

function queryNamesOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * Every /api route must say who may call it; a route that does not is refused at start-up. The
 * declarations are kept on `app.apiRoutes` so tests can walk every route.
 */
export function requireAccessDeclarations(app: FastifyInstance) {
  const declared: DeclaredRoute[] = [];
  app.decorate('apiRoutes', declared);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || isLibraryRoute(route.url)) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        declared.push({
          method,
          url: route.url,
          access,
          queryNames: queryNamesOf(route.schema?.querystring),
        });
    }
  });
}

async function loadActor(db: Kysely<Database>, request: FastifyRequest): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const day = today();
  const row = await sessionRepository.findLive(db, hashSessionToken(token), new Date(), day);
  if (!row) return null;
  const { unitPath, ...user } = row;
  return { ...user, clientAddress: request.ip ?? null, unitPathOn: { day, path: unitPath } };
}

/** Authenticates from the session cookie, then enforces the route's access and CSRF, before any parsing. */
export function enforceAccess(app: FastifyInstance, db: Kysely<Database>) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') {
      if (access === 'public' && request.cookies[SESSION_COOKIE])
        request.actor = await loadActor(db, request);
      return;
    }
    const actor = await loadActor(db, request);
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录，或登录已过期');
    request.actor = actor;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== actor.csrfToken) {
      throw new AppError('CSRF', '页面已过期，请刷新后重试（CSRF 校验失败）');
    }
    if (access !== 'authenticated' && !roleAllows(actor.role, access)) {
      throw new AppError('FORBIDDEN', '您的账号没有此项操作的权限');
    }
  });
}
