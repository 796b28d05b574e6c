import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createVisitCycleBody,
  exportStarted,
  idParam,
  listVisitCyclesQuery,
  listVisitsQuery,
  pageOf,
  recordVisitBody,
  visit,
  visitCycle,
  visitFigures,
  visitFiguresQuery,
  visitFilterQuery,
  visitParams,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { visitExport } from './visit.export.ts';
import { visitService } from './visit.service.ts';

const tags = ['model-workers'];
const read = { access: 'model_worker:read' as const };
const write = { access: 'model_worker:write' as const };

/** Visit cycles (慰问) and the figure of who was visited. */
export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/model-workers/visit-cycles',
    {
      config: read,
      schema: {
        tags,
        summary: '劳模慰问活动列表',
        querystring: listVisitCyclesQuery,
        response: { 200: pageOf(visitCycle) },
      },
    },
    async (req) => visitService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/model-workers/visit-figures',
    {
      config: read,
      schema: {
        tags,
        summary: '走访慰问劳动模范人数（按期间和在职状态）',
        querystring: visitFiguresQuery,
        response: { 200: visitFigures },
      },
    },
    async (req) => visitService.figures(db, actorOf(req), req.query),
  );
  app.post(
    '/api/model-workers/visit-cycles',
    {
      config: write,
      schema: {
        tags,
        summary: '发起慰问活动，从劳模名册中按条件生成慰问名单',
        body: createVisitCycleBody,
        response: { 200: visitCycle },
      },
    },
    async (req) => visitService.create(db, actorOf(req), req.body),
  );
  app.get(
    '/api/model-workers/visit-cycles/:id',
    { config: read, schema: { tags, summary: '慰问活动', params: idParam, response: { 200: visitCycle } } },
    async (req) => visitService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/model-workers/visit-cycles/:id/visits',
    {
      config: read,
      schema: {
        tags,
        summary: '慰问名单',
        params: idParam,
        querystring: listVisitsQuery,
        response: { 200: pageOf(visit) },
      },
    },
    async (req) => visitService.visits(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/model-workers/visit-cycles/:id/visits/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出慰问名单（.xlsx）',
        params: idParam,
        querystring: visitFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) =>
      sendExport(reply, await visitExport.answer(db, actorOf(req), { ...req.query, cycleId: req.params.id })),
  );
  app.put(
    '/api/model-workers/visit-cycles/:id/visits/:workerId',
    {
      config: write,
      schema: {
        tags,
        summary: '登记慰问情况（慰问人、日期、是否完成）',
        params: visitParams,
        body: recordVisitBody,
        response: { 200: visit },
      },
    },
    async (req) => visitService.record(db, actorOf(req), req.params.id, req.params.workerId, req.body),
  );
};
