import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaResponse } from '@gonghui/contracts';
import { settingRepository } from './settings.repository.ts';

export const APP_VERSION = '0.1.0';

export const systemRoutes: FastifyPluginAsyncZod<{ databaseKind: 'embedded' | 'postgres' }> = async (
  app,
  opts,
) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
  app.get(
    '/api/meta',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '系统信息', response: { 200: metaResponse } },
    },
    async () => ({
      name: 'Gonghui 工会工作平台',
      version: APP_VERSION,
      demo: (await settingRepository.get(app.db, 'demo')) === true,
      database: opts.databaseKind,
    }),
  );
};
