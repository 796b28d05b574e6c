import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changeStatusBody,
  enrolMemberBody,
  idParam,
  listMembersQuery,
  member,
  memberDetail,
  pageOf,
  revealBody,
  revealResponse,
  updateMemberBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { memberService } from './member.service.ts';

const tags = ['members'];
const read = { access: 'member:read' as const };
const write = { access: 'member:write' as const };

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/members',
    {
      config: read,
      schema: {
        tags,
        summary: '会员名册：按姓名、拼音、身份证后四位、完整身份证号码或电话查找',
        querystring: listMembersQuery,
        response: { 200: pageOf(member) },
      },
    },
    async (req) => memberService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/members/:id',
    {
      config: read,
      schema: { tags, summary: '会员详情与会籍沿革', params: idParam, response: { 200: memberDetail } },
    },
    async (req) => memberService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/members',
    {
      config: write,
      schema: { tags, summary: '登记入会', body: enrolMemberBody, response: { 200: member } },
    },
    async (req) => memberService.enrol(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/members/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改会员信息',
        params: idParam,
        body: updateMemberBody,
        response: { 200: member },
      },
    },
    async (req) => memberService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/members/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: '变更会籍状态（退休、失业保留会籍，退会，去世）',
        params: idParam,
        body: changeStatusBody,
        response: { 200: member },
      },
    },
    async (req) => memberService.changeStatus(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/members/:id/reveal',
    {
      config: { access: 'member:reveal' as const },
      schema: {
        tags,
        summary: '查看完整身份证号码或电话（须填写原因，留有审计记录）',
        params: idParam,
        body: revealBody,
        response: { 200: revealResponse },
      },
    },
    async (req) => memberService.reveal(db, actorOf(req), req.params.id, req.body.field, req.body.reason),
  );
};
