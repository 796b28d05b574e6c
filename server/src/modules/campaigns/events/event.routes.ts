import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignEvent,
  campaignEventFilterQuery,
  createCampaignEventBody,
  exportStarted,
  idParam,
  listCampaignEventsQuery,
  pageOf,
  updateCampaignEventBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { eventExport } from './event.export.ts';
import { eventService } from './event.service.ts';

const tags = ['campaigns'];
const read = { access: 'campaign:read' as const };
const write = { access: 'campaign:write' as const };

/** Events (活动记录), in a campaign or on their own. */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/campaign-events',
    {
      config: read,
      schema: {
        tags,
        summary: '活动记录列表',
        querystring: listCampaignEventsQuery,
        response: { 200: pageOf(campaignEvent) },
      },
    },
    async (req) => eventService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/campaign-events/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出活动记录（.xlsx）',
        querystring: campaignEventFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await eventExport.answer(db, actorOf(req), req.query)),
  );
  app.post(
    '/api/campaign-events',
    {
      config: write,
      schema: {
        tags,
        summary: '登记活动（参加人数和各统计项目）',
        body: createCampaignEventBody,
        response: { 200: campaignEvent },
      },
    },
    async (req) => eventService.create(db, actorOf(req), req.body),
  );
  app.get(
    '/api/campaign-events/:id',
    {
      config: read,
      schema: { tags, summary: '活动记录', params: idParam, response: { 200: campaignEvent } },
    },
    async (req) => eventService.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/campaign-events/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改活动记录',
        params: idParam,
        body: updateCampaignEventBody,
        response: { 200: campaignEvent },
      },
    },
    async (req) => eventService.update(db, actorOf(req), req.params.id, req.body),
  );
};
