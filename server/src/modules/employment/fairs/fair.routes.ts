import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addFairEmployerBody,
  boothFilterQuery,
  createFairBody,
  createPositionBody,
  exportStarted,
  fair,
  fairDetail,
  fairFilterQuery,
  idParam,
  listFairsQuery,
  listPositionsQuery,
  pageOf,
  position,
  positionFilterQuery,
  updateFairBody,
  updatePositionBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { boothExport, fairExport, positionExport } from './fair.export.ts';
import { fairService } from './fair.service.ts';

const tags = ['employment'];
const read = { access: 'employment:read' as const };
const write = { access: 'employment:write' as const };
const exportSummary = '；行数较多时返回 202 和后台导出任务，进度与文件见 /api/exports/{id}';

/** Job fairs, their employers and positions. */
export const fairRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/employment/fairs',
    {
      config: read,
      schema: {
        tags,
        summary: '招聘会列表（筛选、分页、排序）',
        querystring: listFairsQuery,
        response: { 200: pageOf(fair) },
      },
    },
    async (req) => fairService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employment/fairs/export',
    {
      config: read,
      schema: {
        tags,
        summary: `按当前筛选导出招聘会（.xlsx）${exportSummary}`,
        querystring: fairFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await fairExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/employment/booths/export',
    {
      config: read,
      schema: {
        tags,
        summary: `导出一场招聘会的展位表（.xlsx）${exportSummary}`,
        querystring: boothFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await boothExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/employment/fairs/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '招聘会详情：参会单位、岗位与成效',
        params: idParam,
        response: { 200: fairDetail },
      },
    },
    async (req) => fairService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/employment/fairs',
    {
      config: write,
      schema: { tags, summary: '登记招聘会', body: createFairBody, response: { 200: fairDetail } },
    },
    async (req) => fairService.create(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/employment/fairs/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改招聘会',
        params: idParam,
        body: updateFairBody,
        response: { 200: fairDetail },
      },
    },
    async (req) => fairService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/fairs/:id/employers',
    {
      config: write,
      schema: {
        tags,
        summary: '招聘会增加参会单位（单位名录或统一社会信用代码）',
        params: idParam,
        body: addFairEmployerBody,
        response: { 200: fairDetail },
      },
    },
    async (req) => fairService.addEmployer(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/employment/positions',
    {
      config: read,
      schema: {
        tags,
        summary: '招聘岗位列表',
        querystring: listPositionsQuery,
        response: { 200: pageOf(position) },
      },
    },
    async (req) => fairService.listPositions(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employment/positions/export',
    {
      config: read,
      schema: {
        tags,
        summary: `按当前筛选导出招聘岗位（.xlsx）${exportSummary}`,
        querystring: positionFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await positionExport.answer(db, actorOf(req), req.query)),
  );
  app.post(
    '/api/employment/positions',
    {
      config: write,
      schema: { tags, summary: '发布招聘岗位', body: createPositionBody, response: { 200: position } },
    },
    async (req) => fairService.createPosition(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/employment/positions/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改招聘岗位',
        params: idParam,
        body: updatePositionBody,
        response: { 200: position },
      },
    },
    async (req) => fairService.updatePosition(db, actorOf(req), req.params.id, req.body),
  );
};
