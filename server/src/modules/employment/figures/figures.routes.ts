import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { employmentFigures, employmentFiguresQuery } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { figuresService } from './figures.service.ts';

/** The employment dashboard: trained, certified, placed and still employed, by unit and programme. */
export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/employment/figures',
    {
      config: { access: 'employment:read' },
      schema: {
        tags: ['employment'],
        summary: '就业援助年度数字（培训、发证、就业、回访在岗），按下级单位与培训项目',
        querystring: employmentFiguresQuery,
        response: { 200: employmentFigures },
      },
    },
    async (req) => figuresService.year(app.db, actorOf(req), req.query),
  );
};
