import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attendanceBody,
  certificate,
  certificateCodeParam,
  course,
  courseDetail,
  courseFilterQuery,
  createCourseBody,
  employmentSettings,
  enrolBody,
  enrolResult,
  enrolmentRef,
  exportStarted,
  idParam,
  issueCertificateBody,
  listCoursesQuery,
  pageOf,
  publicCertificate,
  revokeCertificateBody,
} from '@gonghui/contracts';
import { actorOf } from '../../../platform/auth/actor.ts';
import { sendExport } from '../../../platform/exports/list-export.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { courseExport } from './course.export.ts';
import { courseService } from './course.service.ts';
import { certificatePage, unknownCertificatePage } from './certificate.presenter.ts';

const tags = ['employment'];
const read = { access: 'employment:read' as const };
const write = { access: 'employment:write' as const };
/** The public verification answers anyone, a few times a minute per address. */
const publicAccess = { access: 'public' as const, rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Courses, enrolment with a waiting list, attendance, certificates and their public verification. */
export const courseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/employment/courses',
    {
      config: read,
      schema: {
        tags,
        summary: '培训班列表',
        querystring: listCoursesQuery,
        response: { 200: pageOf(course) },
      },
    },
    async (req) => courseService.list(db, actorOf(req), req.query),
  );
  app.get(
    '/api/employment/courses/export',
    {
      config: read,
      schema: {
        tags,
        summary: '按当前筛选导出培训班（.xlsx）',
        querystring: courseFilterQuery,
        response: { 202: exportStarted },
      },
    },
    async (req, reply) => sendExport(reply, await courseExport.answer(db, actorOf(req), req.query)),
  );
  app.get(
    '/api/employment/courses/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '培训班详情：学员、候补与出勤',
        params: idParam,
        response: { 200: courseDetail },
      },
    },
    async (req) => courseService.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/employment/courses',
    {
      config: write,
      schema: { tags, summary: '登记培训班', body: createCourseBody, response: { 200: courseDetail } },
    },
    async (req) => courseService.create(db, actorOf(req), req.body),
  );
  app.post(
    '/api/employment/courses/:id/enrolments',
    {
      config: write,
      schema: {
        tags,
        summary: '培训班报名（满员进入候补）',
        params: idParam,
        body: enrolBody,
        response: { 200: enrolResult },
      },
    },
    async (req) => courseService.enrol(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/courses/:id/enrolments/withdraw',
    {
      config: write,
      schema: {
        tags,
        summary: '退出报名（候补依次转正）',
        params: idParam,
        body: enrolmentRef,
        response: { 200: courseDetail },
      },
    },
    async (req) => courseService.withdraw(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/courses/:id/attendance',
    {
      config: write,
      schema: {
        tags,
        summary: '登记一个课次的出勤',
        params: idParam,
        body: attendanceBody,
        response: { 200: courseDetail },
      },
    },
    async (req) => courseService.markAttendance(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/courses/:id/certificates',
    {
      config: write,
      schema: {
        tags,
        summary: '颁发培训证书（出勤达到本班要求）',
        params: idParam,
        body: issueCertificateBody,
        response: { 200: certificate },
      },
    },
    async (req) => courseService.certify(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/employment/courses/:id/certificates/revoke',
    {
      config: write,
      schema: {
        tags,
        summary: '撤销培训证书',
        params: idParam,
        body: revokeCertificateBody,
        response: { 200: courseDetail },
      },
    },
    async (req) => courseService.revoke(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/employment/settings',
    {
      config: read,
      schema: {
        tags,
        summary: '就业援助设置（证书二维码的对外访问地址）',
        response: { 200: employmentSettings },
      },
    },
    async () => courseService.settings(db),
  );
  app.put(
    '/api/employment/settings',
    {
      config: write,
      schema: {
        tags,
        summary: '修改就业援助设置（市总工会）',
        body: employmentSettings,
        response: { 200: employmentSettings },
      },
    },
    async (req) => courseService.setSettings(db, actorOf(req), req.body),
  );
  app.get(
    '/api/public/certificates/:code',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '公开验证培训证书（无需登录，限频）',
        params: certificateCodeParam,
        response: { 200: publicCertificate },
      },
    },
    async (req) => {
      const found = await courseService.verify(db, req.params.code);
      if (!found) throw notFound('该验证码的证书');
      return found;
    },
  );
  app.get(
    '/verify/:code',
    { config: publicAccess, schema: { hide: true, params: certificateCodeParam } },
    async (req, reply) => {
      const found = await courseService.verify(db, req.params.code);
      return reply
        .code(found ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(found ? certificatePage(found) : unknownCertificatePage());
    },
  );
};
