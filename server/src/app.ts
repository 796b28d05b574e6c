import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import type { DatabaseKind } from './db/database.ts';
import { attachmentRoutes } from './platform/attachments/attachment.routes.ts';
import { recordLinkRoutes } from './platform/links/record-link.routes.ts';
import { useAuditTargets } from './platform/audit/audit-names.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { exportRoutes } from './platform/exports/export.routes.ts';
import { enforceAccess, requireAccessDeclarations } from './platform/http/access.ts';
import { registerBasePath, stripBasePath } from './platform/http/base-path.ts';
import { refuseControlCharacters } from './platform/http/control-characters.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { docsCspTransform, registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerWebApp } from './platform/http/web-app.ts';
import { orgRoutes } from './platform/orgs/org.routes.ts';
import { APP_VERSION, systemRoutes } from './platform/system.routes.ts';
import { userRoutes } from './platform/users/user.routes.ts';
import { workbenchRoutes } from './platform/workbench.routes.ts';
import { modules } from './modules/index.ts';
import type { GonghuiModule } from './platform/module.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
  }
}

export interface BuildAppOptions {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  /** Pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Browsers reach the app over HTTPS: Secure cookies, HSTS, `upgrade-insecure-requests`. */
  https?: boolean;
  /** Client addresses from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** The path prefix the app is served under (`/gonghui`), as normalizeBasePath gives it; '' for the root. */
  basePath?: string;
  /** Built web app to serve; skipped when the folder does not exist. */
  webDist?: string | null;
  /** The modules whose routes the app serves: all of them unless a test gives its own list. */
  modules?: readonly GonghuiModule[];
}

/** Log lines carry the path only: query strings may hold names or ID numbers being searched. */
export const loggerOptions = (level: string) => ({
  level,
  redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  serializers: {
    req: (req: { id: string; method: string; url: string }) => ({
      id: req.id,
      method: req.method,
      path: req.url.split('?')[0],
    }),
  },
});

/** The one Fastify factory, used by `gonghui serve` and by the tests alike. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const https = options.https ?? false;
  const basePath = options.basePath ?? '';
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    // One proxy in front: the client is the address it adds last to X-Forwarded-For; whatever the
    // browser sent in that header itself is not believed.
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    rewriteUrl: (req) => stripBasePath(req.url ?? '/', basePath),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  registerBasePath(app, basePath);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerErrorHandling(app);
  refuseControlCharacters(app);
  requireAccessDeclarations(app);

  await app.register(cookie);
  await registerSecurityHeaders(app, https);
  await app.register(rateLimit, { global: false });
  enforceAccess(app, options.db);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Gonghui 工会工作平台 API', version: APP_VERSION },
      // The docs page's "try it out" calls go under the base path too.
      ...(basePath ? { servers: [{ url: basePath }] } : {}),
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gonghui_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    indexPrefix: basePath || undefined,
    staticCSP: true,
    transformStaticCSP: docsCspTransform(https),
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(systemRoutes, { databaseKind: options.databaseKind });
  await app.register(authRoutes, { secureCookies: https, cookiePath: basePath || '/' });
  await app.register(workbenchRoutes, {
    counters: (options.modules ?? modules).flatMap((m) => m.counters ?? []),
  });
  await app.register(orgRoutes);
  await app.register(userRoutes);
  // The log names records of every module, whichever modules this app serves.
  useAuditTargets(modules);
  await app.register(auditRoutes);
  await app.register(attachmentRoutes);
  await app.register(recordLinkRoutes);
  const served = options.modules ?? modules;
  await app.register(exportRoutes, { exports: served.flatMap((m) => m.exports ?? []) });
  for (const m of served) {
    for (const routes of m.routes) await app.register(routes);
  }

  await registerWebApp(app, options.webDist ?? null, basePath);
  return app;
}
