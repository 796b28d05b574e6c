import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignCodeParam,
  campaignEventType,
  campaignEventTypeBody,
  campaignOutput,
  campaignOutputBody,
  campaignSettings,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { eventTypeService } from './event-type.service.ts';

const tags = ['campaigns'];

/** The configured event types and outputs. */
export const eventTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/campaign-settings',
    {
      config: { access: 'campaign:read' },
      schema: {
        tags,
        summary: '活动类型和统计项目（含统计口径）',
        response: { 200: campaignSettings },
      },
    },
    async (req) => eventTypeService.settings(db, actorOf(req)),
  );
  app.put(
    '/api/campaign-settings/event-types/:code',
    {
      config: { access: 'campaign:write' },
      schema: {
        tags,
        summary: '新增或修改活动类型及其统计项目（市总工会管理员）',
        params: campaignCodeParam,
        body: campaignEventTypeBody,
        response: { 200: campaignEventType },
      },
    },
    async (req) => eventTypeService.saveType(db, actorOf(req), req.params.code, req.body),
  );
  app.put(
    '/api/campaign-settings/outputs/:code',
    {
      config: { access: 'campaign:write' },
      schema: {
        tags,
        summary: '新增或修改统计项目及其统计口径（市总工会管理员）',
        params: campaignCodeParam,
        body: campaignOutputBody,
        response: { 200: campaignOutput },
      },
    },
    async (req) => eventTypeService.saveOutput(db, actorOf(req), req.params.code, req.body),
  );
};
