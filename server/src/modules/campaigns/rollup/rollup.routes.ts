import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignRollup, campaignRollupQuery, exportStarted } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { rollupExport } from './rollup.export.ts';
import { rollupService } from './rollup.service.ts';

const tags = ['campaigns'];
const read = { access: 'campaign:read' as const };

/** The roll-up of events by campaign, unit and period. */
export const rollupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/campaign-rollup',
    {
      config: read,
      schema: {
        tags,
        summary: '活动统计：按主题活动、单位和期间汇总活动次数、参加人数和各统计项目',
        querystring: campaignRollupQuery,
        response: { 200: campaignRollup },
      },
    },
    async (req) => rollupService.rollup(db, actorOf(req), req.query),
  );
  app.get(
    '/api/campaign-rollup/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出活动统计（.xlsx）',
        querystring: campaignRollupQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await rollupExport.answer(db, actorOf(req), req.query)),
  );
};
