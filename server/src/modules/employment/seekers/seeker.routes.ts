import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createSeekerBody,
  endPlacementBody,
  exportStarted,
  followUp,
  followUpBody,
  followUpFilterQuery,
  listFollowUpsQuery,
  idParam,
  linkSeekerCaseBody,
  listSeekersQuery,
  matchQuery,
  pageOf,
  placeBody,
  positionMatch,
  recommendBody,
  recommendationResultBody,
  seeker,
  seekerDetail,
  seekerFilterQuery,
  seekerCases,
  seekerMatch,
  seekerStatusBody,
  updateSeekerBody,
} from '@gonghui/contracts';
import { z } from 'zod';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { matchService } from '../matching/match.service.ts';
import { followUpExport } from './follow-up.export.ts';
import { followUpService } from './follow-up.service.ts';
import { seekerCaseService } from './seeker-case.service.ts';
import { seekerExport } from './seeker.export.ts';
import { seekerService } from './seeker.service.ts';

const tags = ['employment'];
const read = { access: 'employment:read' as const };
const write = { access: 'employment:write' as const };

/** Job seekers: registration, status, recommendations, placements, and matching both ways. */
export const seekerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const detail = { 200: seekerDetail };

  app.get(
    '/api/employment/seekers',
    {
      config: read,
      schema: {
        tags,
        summary: '求职人员列表',
        querystring: listSeekersQuery,
        response: { 200: pageOf(seeker) },
      },
    },
    async (req) => seekerService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employment/seekers/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出求职人员（.xlsx，证件号脱敏）；行数较多时返回 202 和后台导出任务',
        querystring: seekerFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await seekerExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/employment/seekers/:id',
    {
      config: read,
      schema: { tags, summary: '求职人员详情：状态记录、推荐与就业', params: idParam, response: detail },
    },
    async (req) => seekerService.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/employment/seekers/:id/cases',
    {
      config: read,
      schema: {
        tags,
        summary: '此人在帮扶中心的案件（在您管辖范围内的），及其与求职登记的关联',
        params: idParam,
        response: { 200: seekerCases },
      },
    },
    async (req) => seekerCaseService.casesOf(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/employment/seekers/:id/cases',
    {
      config: write,
      schema: {
        tags,
        summary: '把此人的职业介绍和培训类案件关联到求职登记（两边页面都显示）',
        params: idParam,
        body: linkSeekerCaseBody,
        response: { 200: seekerCases },
      },
    },
    async (req) => seekerCaseService.link(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers',
    { config: write, schema: { tags, summary: '登记求职人员', body: createSeekerBody, response: detail } },
    async (req) => seekerService.register(db, actorOf(req), req.body),
  );
  app.patch(
    '/api/employment/seekers/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改求职人员的类别、技能与意向',
        params: idParam,
        body: updateSeekerBody,
        response: detail,
      },
    },
    async (req) => seekerService.update(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers/:id/status',
    {
      config: write,
      schema: {
        tags,
        summary: '求职人员退出或恢复登记',
        params: idParam,
        body: seekerStatusBody,
        response: detail,
      },
    },
    async (req) => seekerService.setStatus(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers/:id/recommendations',
    {
      config: write,
      schema: { tags, summary: '向岗位推荐求职人员', params: idParam, body: recommendBody, response: detail },
    },
    async (req) => seekerService.recommend(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers/:id/recommendation-results',
    {
      config: write,
      schema: {
        tags,
        summary: '登记推荐结果',
        params: idParam,
        body: recommendationResultBody,
        response: detail,
      },
    },
    async (req) => seekerService.recordResult(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers/:id/placements',
    {
      config: write,
      schema: {
        tags,
        summary: '登记就业（须有推荐记录）',
        params: idParam,
        body: placeBody,
        response: detail,
      },
    },
    async (req) => seekerService.place(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/seekers/:id/placement-end',
    {
      config: write,
      schema: {
        tags,
        summary: '登记离职，结束在岗的就业登记',
        params: idParam,
        body: endPlacementBody,
        response: detail,
      },
    },
    async (req) => seekerService.endPlacement(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/employment/seekers/:id/matches',
    {
      config: read,
      schema: {
        tags,
        summary: '为求职人员匹配岗位（按匹配度排序）',
        params: idParam,
        querystring: matchQuery,
        response: { 200: z.array(positionMatch) },
      },
    },
    async (req) => matchService.positionsForSeeker(db, actorOf(req), req.params.id, req.query.limit),
  );
  app.get(
    '/api/employment/positions/:id/matches',
    {
      config: read,
      schema: {
        tags,
        summary: '为岗位匹配求职人员（按匹配度排序）',
        params: idParam,
        querystring: matchQuery,
        response: { 200: z.array(seekerMatch) },
      },
    },
    async (req) => matchService.seekersForPosition(db, actorOf(req), req.params.id, req.query.limit),
  );
  app.post(
    '/api/employment/seekers/:id/follow-up',
    {
      config: write,
      schema: {
        tags,
        summary: '就业回访（三个月后是否仍在岗）',
        params: idParam,
        body: followUpBody,
        response: detail,
      },
    },
    async (req) => followUpService.record(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/employment/follow-ups',
    {
      config: read,
      schema: {
        tags,
        summary: '待回访的就业登记（可只看逾期）',
        querystring: listFollowUpsQuery,
        response: { 200: pageOf(followUp) },
      },
    },
    async (req) => followUpService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employment/follow-ups/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出待回访名单（.xlsx）',
        querystring: followUpFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await followUpExport.answer(db, actorOf(req), req.query)),
  );
};
