import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaign,
  campaignFilterQuery,
  createCampaignBody,
  exportStarted,
  idParam,
  listCampaignsQuery,
  pageOf,
  updateCampaignBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { campaignExport } from './campaign.export.ts';
import { campaignService } from './campaign.service.ts';

const tags = ['campaigns'];
const read = { access: 'campaign:read' as const };
const write = { access: 'campaign:write' as const };

/** Theme campaigns (主题活动). */
export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/campaigns',
    {
      config: read,
      schema: {
        tags,
        summary: '主题活动列表（本单位及下级主办的，以及覆盖本单位的上级活动）',
        querystring: listCampaignsQuery,
        response: { 200: pageOf(campaign) },
      },
    },
    async (req) => campaignService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/campaigns/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出主题活动（.xlsx）',
        querystring: campaignFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await campaignExport.answer(db, actorOf(req), req.query)),
  );
  app.post(
    '/api/campaigns',
    {
      config: write,
      schema: { tags, summary: '发起主题活动', body: createCampaignBody, response: { 200: campaign } },
    },
    async (req) => campaignService.create(db, actorOf(req), req.body),
  );
  app.get(
    '/api/campaigns/:id',
    { config: read, schema: { tags, summary: '主题活动', params: idParam, response: { 200: campaign } } },
    async (req) => campaignService.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/campaigns/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改主题活动（主题、期间、说明）',
        params: idParam,
        body: updateCampaignBody,
        response: { 200: campaign },
      },
    },
    async (req) => campaignService.update(db, actorOf(req), req.params.id, req.body),
  );
};
