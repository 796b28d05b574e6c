import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBody,
  changePasswordResponse,
  loginBody,
  meResponse,
  okResponse,
  ownLogin,
} from '@gonghui/contracts';
import { actorOf } from './actor.ts';
import { authService, SESSION_HOURS } from './auth.service.ts';
import { ownAccountService } from './own-account.service.ts';
import { SESSION_COOKIE } from '../http/access.ts';

export const authRoutes: FastifyPluginAsyncZod<{
  secureCookies: boolean;
  /** The session cookie is sent only under the app's base path. */
  cookiePath: string;
}> = async (app, opts) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: meResponse } },
    },
    async (request, reply) => {
      const { token, me } = await authService.login(
        app.db,
        request.body,
        request.ip ?? null,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: opts.cookiePath,
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        maxAge: SESSION_HOURS * 3600,
      });
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '退出登录', response: { 200: okResponse } },
    },
    async (request, reply) => {
      await authService.logout(app.db, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: opts.cookiePath });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: meResponse } },
    },
    async (request) => authService.me(app.db, actorOf(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码（须输入原密码；本账号的其他登录会话随之结束）',
        body: changePasswordBody,
        response: { 200: changePasswordResponse },
      },
    },
    async (request) => ownAccountService.changePassword(app.db, actorOf(request), request.body),
  );

  app.get(
    '/api/auth/logins',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '本人最近的登录记录（时间、来源地址、浏览器）',
        response: { 200: z.array(ownLogin) },
      },
    },
    async (request) => ownAccountService.recentLogins(app.db, actorOf(request)),
  );
};
