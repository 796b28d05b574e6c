import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  asOfQuery,
  campaign,
  campaignEmployersBody,
  campaignEmployersResult,
  campaignProgress,
  campaignTask,
  campaignTaskBody,
  createCampaignBody,
  idParam,
  taskParams,
} from '@gonghui/contracts';
import { actorOf } from '../../platform/auth/actor.ts';
import { campaignService } from './campaign.service.ts';

const tags = ['campaigns'];

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/campaigns',
    {
      config: { access: 'indicator:read' },
      schema: { tags, summary: '组建活动列表', response: { 200: z.array(campaign) } },
    },
    async (req) => campaignService.list(db, actorOf(req)),
  );
  app.get(
    '/api/campaigns/:id',
    {
      config: { access: 'indicator:read' },
      schema: {
        tags,
        summary: '组建活动进展（自开始以来）',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: campaignProgress },
      },
    },
    async (req) => campaignService.progress(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.post(
    '/api/campaigns',
    {
      config: { access: 'employer:write' },
      schema: { tags, summary: '新建组建活动', body: createCampaignBody, response: { 200: campaign } },
    },
    async (req) => campaignService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/campaigns/:id/tasks',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '给组建活动添加工作任务',
        params: idParam,
        body: campaignTaskBody,
        response: { 200: campaignTask },
      },
    },
    async (req) => campaignService.addTask(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/campaigns/:id/tasks/:taskId/done',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '把工作任务标记为今天完成',
        params: taskParams,
        response: { 200: campaignTask },
      },
    },
    async (req) => campaignService.completeTask(db, actorOf(req), req.params.id, req.params.taskId),
  );
  app.post(
    '/api/campaigns/:id/employers',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '给组建活动添加目标单位（须在活动范围内）',
        params: idParam,
        body: campaignEmployersBody,
        response: { 200: campaignEmployersResult },
      },
    },
    async (req) => campaignService.addTargets(db, actorOf(req), req.params.id, req.body),
  );
};
