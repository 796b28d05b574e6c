import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseTypeParam, clockRule, updateClockRuleBody } from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { clockService } from './clock.service.ts';

const tags = ['assistance'];

export const clockRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/assistance/clock-rules',
    {
      config: { access: 'assistance:read' },
      schema: { tags, summary: '各类案件的办理时限', response: { 200: z.array(clockRule) } },
    },
    async () => clockService.list(db),
  );
  app.put(
    '/api/assistance/clock-rules/:type',
    {
      config: { access: 'assistance:configure' },
      schema: {
        tags,
        summary: '修改一类案件的办理时限（市总工会）',
        params: caseTypeParam,
        body: updateClockRuleBody,
        response: { 200: clockRule },
      },
    },
    async (req) => clockService.update(db, actorOf(req), req.params.type, req.body),
  );
};
