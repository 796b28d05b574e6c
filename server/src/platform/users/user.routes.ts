import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createUserBody, idParam, listUsersQuery, pageOf, updateUserBody, user } from '@gonghui/contracts';
import { actorOf } from '../auth/actor.ts';
import { userService } from './user.service.ts';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      config: { access: 'user:read' },
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: listUsersQuery,
        response: { 200: pageOf(user) },
      },
    },
    async (req) => userService.list(app.db, actorOf(req), req.query.q, req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'user:write' },
      schema: { tags: ['users'], summary: '新建用户', body: createUserBody, response: { 200: user } },
    },
    async (req) => userService.create(app.db, actorOf(req), req.body),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'user:write' },
      schema: {
        tags: ['users'],
        summary: '修改用户',
        params: idParam,
        body: updateUserBody,
        response: { 200: user },
      },
    },
    async (req) => userService.update(app.db, actorOf(req), req.params.id, req.body),
  );
};
