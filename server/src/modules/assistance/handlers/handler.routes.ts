import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  caseHandler,
  exportStarted,
  handlerDetail,
  handlerFilterQuery,
  createHandlerBody,
  idParam,
  listHandlersQuery,
  pageOf,
  reassignBody,
  reassignResult,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { handlerExport } from './handler.export.ts';
import { caseHandlingService } from '../cases/case-handling.service.ts';
import { handlerService } from './handler.service.ts';

const tags = ['assistance'];

export const handlerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/assistance/handlers',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags,
        summary: '经办人名录（工作人员、律师、调解员、志愿者）',
        querystring: listHandlersQuery,
        response: { 200: pageOf(caseHandler) },
      },
    },
    async (req) => handlerService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/assistance/handlers/export',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags,
        summary: '按当前筛选导出经办人名录（.xlsx）',
        querystring: handlerFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await handlerExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/assistance/handlers/:id',
    {
      config: { access: 'assistance:read' },
      schema: {
        tags,
        summary: '经办人详情与指派记录',
        params: idParam,
        response: { 200: handlerDetail },
      },
    },
    async (req) => handlerService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assistance/handlers',
    {
      config: { access: 'assistance:write' },
      schema: { tags, summary: '登记经办人', body: createHandlerBody, response: { 200: caseHandler } },
    },
    async (req) => handlerService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/assistance/handlers/:id/reassign',
    {
      config: { access: 'assistance:write' },
      schema: {
        tags,
        summary: '把一名经办人的在办案件批量改派给另一人',
        params: idParam,
        body: reassignBody,
        response: { 200: reassignResult },
      },
    },
    async (req) => caseHandlingService.reassign(db, actorOf(req), req.params.id, req.body),
  );
};
