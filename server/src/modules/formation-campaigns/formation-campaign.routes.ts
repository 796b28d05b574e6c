import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  asOfQuery,
  formationCampaign,
  formationCampaignEmployersBody,
  formationCampaignEmployersResult,
  formationCampaignProgress,
  formationCampaignTask,
  formationCampaignTaskBody,
  createFormationCampaignBody,
  idParam,
  taskParams,
} from '@gonghui/contracts';
import { actorOf } from '../../platform/auth/actor.ts';
import { formationCampaignService } from './formation-campaign.service.ts';

const tags = ['formationCampaigns'];

export const formationCampaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/formation-campaigns',
    {
      config: { access: 'indicator:read' },
      schema: { tags, summary: '组建活动列表', response: { 200: z.array(formationCampaign) } },
    },
    async (req) => formationCampaignService.list(db, actorOf(req)),
  );
  app.get(
    '/api/formation-campaigns/:id',
    {
      config: { access: 'indicator:read' },
      schema: {
        tags,
        summary: '组建活动进展（自开始以来）',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: formationCampaignProgress },
      },
    },
    async (req) => formationCampaignService.progress(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.post(
    '/api/formation-campaigns',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '新建组建活动',
        body: createFormationCampaignBody,
        response: { 200: formationCampaign },
      },
    },
    async (req) => formationCampaignService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/formation-campaigns/:id/tasks',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '给组建活动添加工作任务',
        params: idParam,
        body: formationCampaignTaskBody,
        response: { 200: formationCampaignTask },
      },
    },
    async (req) => formationCampaignService.addTask(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/formation-campaigns/:id/tasks/:taskId/done',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '把工作任务标记为今天完成',
        params: taskParams,
        response: { 200: formationCampaignTask },
      },
    },
    async (req) => formationCampaignService.completeTask(db, actorOf(req), req.params.id, req.params.taskId),
  );
  app.post(
    '/api/formation-campaigns/:id/employers',
    {
      config: { access: 'employer:write' },
      schema: {
        tags,
        summary: '给组建活动添加目标单位（须在活动范围内）',
        params: idParam,
        body: formationCampaignEmployersBody,
        response: { 200: formationCampaignEmployersResult },
      },
    },
    async (req) => formationCampaignService.addTargets(db, actorOf(req), req.params.id, req.body),
  );
};
