import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createModelWorkerBody,
  exportStarted,
  idParam,
  listModelWorkersQuery,
  modelWorker,
  modelWorkerFilterQuery,
  pageOf,
  revealModelWorkerBody,
  revealedModelWorker,
  updateModelWorkerBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { modelWorkerExport } from './model-worker.export.ts';
import { modelWorkerService } from './model-worker.service.ts';

const tags = ['model-workers'];
const read = { access: 'model_worker:read' as const };
const write = { access: 'model_worker:write' as const };

/** The registry of model workers: list, export, record, change, reveal. */
export const modelWorkerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get(
    '/api/model-workers',
    {
      config: read,
      schema: {
        tags,
        summary: '劳动模范名册',
        querystring: listModelWorkersQuery,
        response: { 200: pageOf(modelWorker) },
      },
    },
    async (req) => modelWorkerService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/model-workers/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出劳动模范（.xlsx，证件号与账号脱敏）；行数较多时返回 202 和后台导出任务',
        querystring: modelWorkerFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await modelWorkerExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/model-workers/:id',
    {
      config: read,
      schema: { tags, summary: '劳动模范详情', params: idParam, response: { 200: modelWorker } },
    },
    async (req) => modelWorkerService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/model-workers',
    {
      config: write,
      schema: { tags, summary: '登记劳动模范', body: createModelWorkerBody, response: { 200: modelWorker } },
    },
    async (req) => modelWorkerService.create(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/model-workers/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改劳动模范的荣誉、状态、困难情况或银行账户',
        params: idParam,
        body: updateModelWorkerBody,
        response: { 200: modelWorker },
      },
    },
    async (req) => modelWorkerService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/model-workers/:id/reveal',
    {
      config: { access: 'model_worker:reveal' },
      schema: {
        tags,
        summary: '查看身份证号码或银行账号（须填写原因，记入审计日志）',
        params: idParam,
        body: revealModelWorkerBody,
        response: { 200: revealedModelWorker },
      },
    },
    async (req) => modelWorkerService.reveal(db, actorOf(req), req.params.id, req.body),
  );
};
