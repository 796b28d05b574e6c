import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  archiveFilterQuery,
  archiveMemberParams,
  archiveStatusBody,
  createArchiveBody,
  exportStarted,
  giveAssistanceBody,
  hardshipArchive,
  hardshipArchiveDetail,
  idParam,
  listArchivesQuery,
  livingLine,
  livingLineBody,
  pageOf,
  updateArchiveBody,
  updateHouseholdMemberBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { archiveExport } from './hardship.export.ts';
import { hardshipService as service } from './hardship.service.ts';

const tags = ['assistance'];
const read = { access: 'assistance:read' as const };
const write = { access: 'assistance:write' as const };

export const hardshipRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/hardship/archives',
    {
      config: read,
      schema: {
        tags,
        summary: '困难职工档案列表（按类别、状态、逾期未复核筛选）',
        querystring: listArchivesQuery,
        response: { 200: pageOf(hardshipArchive) },
      },
    },
    async (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/hardship/archives/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出困难职工档案（.xlsx）',
        querystring: archiveFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await archiveExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/hardship/archives/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '困难职工档案详情：家庭成员与困难类别的计算过程',
        params: idParam,
        response: { 200: hardshipArchiveDetail },
      },
    },
    async (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/hardship/archives',
    {
      config: write,
      schema: {
        tags,
        summary: '建立困难职工档案',
        body: createArchiveBody,
        response: { 200: hardshipArchive },
      },
    },
    async (req) => service.create(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/hardship/archives/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改档案的刚性支出、致困原因或复核日期（困难类别随之重算）',
        params: idParam,
        body: updateArchiveBody,
        response: { 200: hardshipArchive },
      },
    },
    async (req) => service.update(db, actorOf(req), req.params.id, req.body),
  );
  app.patch(
    '/api/hardship/archives/:id/members/:memberId',
    {
      config: write,
      schema: {
        tags,
        summary: '修改家庭成员的收入、健康或就学就业情况（困难类别随之重算）',
        params: archiveMemberParams,
        body: updateHouseholdMemberBody,
        response: { 200: hardshipArchive },
      },
    },
    async (req) => service.updateMember(db, actorOf(req), req.params.id, req.params.memberId, req.body),
  );
  app.post(
    '/api/hardship/archives/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: '档案脱困、注销或恢复在档（须填写原因）',
        params: idParam,
        body: archiveStatusBody,
        response: { 200: hardshipArchive },
      },
    },
    async (req) => service.setStatus(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/hardship/archives/:id/assistance',
    {
      config: write,
      schema: {
        tags,
        summary: '记录一次帮扶：资金（以分计）、物资或服务，注明来源',
        params: idParam,
        body: giveAssistanceBody,
        response: { 200: hardshipArchive },
      },
    },
    async (req) => service.give(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/hardship/lines',
    {
      config: read,
      schema: { tags, summary: '各区（县级市）历年最低生活保障标准', response: { 200: z.array(livingLine) } },
    },
    async (req) => service.lines(db, actorOf(req)),
  );
  app.put(
    '/api/hardship/lines',
    {
      config: write,
      schema: {
        tags,
        summary: '设置一个区（县级市）某年的最低生活保障标准',
        body: livingLineBody,
        response: { 200: livingLine },
      },
    },
    async (req) => service.setLine(db, actorOf(req), req.body),
  );
};
