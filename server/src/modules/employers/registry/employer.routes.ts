import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  closeEmployerBody,
  createEmployerBody,
  creditCodeAvailability,
  creditCodeQuery,
  checkCreditCode,
  employer,
  employerDetail,
  employerFilterQuery,
  exportStarted,
  idParam,
  instructorActionBody,
  listEmployersQuery,
  pageOf,
  partyActionBody,
  unionActionBody,
  updateEmployerBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { employerService } from './employer.service.ts';
import { employerExport } from '../export/employer.export.ts';

const tags = ['employers'];
const read = { access: 'employer:read' as const };
const write = { access: 'employer:write' as const };

export const employerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/employers',
    {
      config: read,
      schema: {
        tags,
        summary: '单位列表（筛选、搜索、分页、排序）',
        querystring: listEmployersQuery,
        response: { 200: pageOf(employer) },
      },
    },
    async (req) => employerService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employers/export',
    {
      config: read,
      schema: {
        tags,
        summary:
          '按当前筛选导出单位（.xlsx，导入模板的列）；行数较多时返回 202 和后台导出任务，进度与文件见 /api/exports/{id}',
        querystring: employerFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await employerExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/employers/check-code',
    {
      config: read,
      schema: {
        tags,
        summary: '校验统一社会信用代码并查重',
        querystring: creditCodeQuery,
        response: { 200: creditCodeAvailability },
      },
    },
    async (req) => {
      const r = checkCreditCode(req.query.code);
      if (!r.ok) return { valid: false, message: r.message, existing: null };
      return {
        valid: true,
        message: null,
        existing: await employerService.checkCode(db, actorOf(req), r.code),
      };
    },
  );
  app.get(
    '/api/employers/:id',
    {
      config: read,
      schema: { tags, summary: '单位详情与状态沿革', params: idParam, response: { 200: employerDetail } },
    },
    async (req) => employerService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/employers',
    {
      config: write,
      schema: { tags, summary: '登记单位', body: createEmployerBody, response: { 200: employer } },
    },
    async (req) => employerService.create(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/employers/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改单位信息',
        params: idParam,
        body: updateEmployerBody,
        response: { 200: employer },
      },
    },
    async (req) => employerService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employers/:id/union',
    {
      config: write,
      schema: {
        tags,
        summary: '记录工会状态（单独建会时建立基层工会）',
        params: idParam,
        body: unionActionBody,
        response: { 200: employer },
      },
    },
    async (req) => employerService.setUnion(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employers/:id/party',
    {
      config: write,
      schema: {
        tags,
        summary: '记录党组织状态',
        params: idParam,
        body: partyActionBody,
        response: { 200: employer },
      },
    },
    async (req) => employerService.setParty(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employers/:id/instructor',
    {
      config: write,
      schema: {
        tags,
        summary: '选派或撤回党建指导员',
        params: idParam,
        body: instructorActionBody,
        response: { 200: employer },
      },
    },
    async (req) => employerService.setInstructor(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employers/:id/close',
    {
      config: write,
      schema: {
        tags,
        summary: '注销单位',
        params: idParam,
        body: closeEmployerBody,
        response: { 200: employer },
      },
    },
    async (req) => employerService.close(db, actorOf(req), req.params.id, req.body),
  );
};
