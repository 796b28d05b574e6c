import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assistanceDashboard, assistanceDashboardQuery } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { dashboardService } from './dashboard.service.ts';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/assistance/dashboard',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags: ['assistance'],
        summary: '一站式服务中心统计：案件按类型、状态、层级，超期、办理用时中位数，帮扶资金，困难档案类别',
        querystring: assistanceDashboardQuery,
        response: { 200: assistanceDashboard },
      },
    },
    async (req) => dashboardService.get(db, actorOf(req), req.query.year),
  );
};
