import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  asOfQuery,
  closeOrgBody,
  createOrgBody,
  idParam,
  mergeOrgBody,
  moveOrgBody,
  orgHistory,
  orgSearchHit,
  orgSearchQuery,
  orgTreeResponse,
  orgUnit,
  renameOrgBody,
} from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { orgService } from './org.service.ts';

const tags = ['orgs'];
const read = { access: 'org:read' as const };
const write = { access: 'org:write' as const };

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/orgs/tree',
    {
      config: read,
      schema: {
        tags,
        summary: '管辖范围内的整棵组织树（截至某日）',
        querystring: asOfQuery,
        response: { 200: orgTreeResponse },
      },
    },
    async (req) => orgService.tree(db, actorOf(req), req.query.asOf),
  );
  app.get(
    '/api/orgs/roots',
    {
      config: read,
      schema: {
        tags,
        summary: '本单位（组织树的根）',
        querystring: asOfQuery,
        response: { 200: z.array(orgUnit) },
      },
    },
    async (req) => orgService.roots(db, actorOf(req), req.query.asOf),
  );
  app.get(
    '/api/orgs/search',
    {
      config: read,
      schema: {
        tags,
        summary: '按名称或拼音首字母查找组织',
        querystring: orgSearchQuery,
        response: { 200: z.array(orgSearchHit) },
      },
    },
    async (req) => orgService.search(db, actorOf(req), req.query.q, req.query.asOf, req.query.limit),
  );
  app.get(
    '/api/orgs/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '组织详情（截至某日）',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: orgUnit },
      },
    },
    async (req) => orgService.get(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.get(
    '/api/orgs/:id/children',
    {
      config: read,
      schema: {
        tags,
        summary: '下级组织',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: z.array(orgUnit) },
      },
    },
    async (req) => orgService.children(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.get(
    '/api/orgs/:id/ancestors',
    {
      config: read,
      schema: {
        tags,
        summary: '上级组织链',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: z.array(orgUnit) },
      },
    },
    async (req) => orgService.ancestors(db, actorOf(req), req.params.id, req.query.asOf),
  );
  app.get(
    '/api/orgs/:id/history',
    { config: read, schema: { tags, summary: '组织沿革', params: idParam, response: { 200: orgHistory } } },
    async (req) => orgService.history(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/orgs',
    { config: write, schema: { tags, summary: '新建组织', body: createOrgBody, response: { 200: orgUnit } } },
    async (req) => orgService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/orgs/merge',
    { config: write, schema: { tags, summary: '合并组织', body: mergeOrgBody, response: { 200: orgUnit } } },
    async (req) => orgService.merge(db, actorOf(req), req.body),
  );
  app.post(
    '/api/orgs/:id/rename',
    {
      config: write,
      schema: { tags, summary: '组织更名', params: idParam, body: renameOrgBody, response: { 200: orgUnit } },
    },
    async (req) => orgService.rename(db, actorOf(req), req.params.id, req.body.name, req.body.date),
  );
  app.post(
    '/api/orgs/:id/move',
    {
      config: write,
      schema: {
        tags,
        summary: '调整隶属关系',
        params: idParam,
        body: moveOrgBody,
        response: { 200: orgUnit },
      },
    },
    async (req) => orgService.move(db, actorOf(req), req.params.id, req.body.newParentId, req.body.date),
  );
  app.post(
    '/api/orgs/:id/close',
    {
      config: write,
      schema: { tags, summary: '撤销组织', params: idParam, body: closeOrgBody, response: { 200: orgUnit } },
    },
    async (req) => orgService.close(db, actorOf(req), req.params.id, req.body.date, req.body.successorId),
  );
};
