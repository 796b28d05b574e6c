import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bulkTransferBody,
  bulkTransferResponse,
  decideBatchBody,
  decideBatchResponse,
  decideTransferBody,
  idParam,
  listTransfersQuery,
  pageOf,
  startTransferBody,
  transfer,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { transferService } from './transfer.service.ts';

const tags = ['members'];
const read = { access: 'member:read' as const };
const write = { access: 'transfer:write' as const };

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/transfers',
    {
      config: read,
      schema: {
        tags,
        summary: '会员关系接转：待本单位接收的（inbox）或本单位转出的（outbox）',
        querystring: listTransfersQuery,
        response: { 200: pageOf(transfer) },
      },
    },
    async (req) => transferService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/transfers/:id',
    { config: read, schema: { tags, summary: '接转申请详情', params: idParam, response: { 200: transfer } } },
    async (req) => transferService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/transfers',
    {
      config: write,
      schema: { tags, summary: '发起会员关系接转', body: startTransferBody, response: { 200: transfer } },
    },
    async (req) => transferService.start(db, actorOf(req), req.body),
  );
  app.post(
    '/api/transfers/bulk',
    {
      config: write,
      schema: { tags, summary: '批量接转', body: bulkTransferBody, response: { 200: bulkTransferResponse } },
    },
    async (req) => transferService.startBulk(db, actorOf(req), req.body),
  );
  app.post(
    '/api/transfers/decide',
    {
      config: write,
      schema: {
        tags,
        summary: '批量接收或退回',
        body: decideBatchBody,
        response: { 200: decideBatchResponse },
      },
    },
    async (req) => {
      const { transferIds, ...decision } = req.body;
      return transferService.decideMany(db, actorOf(req), transferIds, decision);
    },
  );
  app.post(
    '/api/transfers/:id/decide',
    {
      config: write,
      schema: {
        tags,
        summary: '接收或退回（退回须写原因）',
        params: idParam,
        body: decideTransferBody,
        response: { 200: transfer },
      },
    },
    async (req) => transferService.decide(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/transfers/:id/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: '撤回接转申请',
        params: idParam,
        body: z.object({}).optional(),
        response: { 200: transfer },
      },
    },
    async (req) => transferService.cancel(db, actorOf(req), req.params.id),
  );
};
