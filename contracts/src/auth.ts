import { z } from 'zod';

export const roles = ['admin', 'cadre', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  admin: '管理员',
  cadre: '工会干部',
  viewer: '只读查看',
};

/** What a role may do; routes declare one of these and the server checks it. */
export const permissions = [
  'org:read',
  'org:write',
  'user:read',
  'user:write',
  'audit:read',
  'employer:read',
  'employer:write',
  'indicator:read',
  'target:write',
  'member:read',
  'member:write',
  'member:reveal',
  'transfer:write',
  'agreement:read',
  'agreement:write',
] as const;
export type Permission = (typeof permissions)[number];

export const loginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
});
export type LoginBody = z.infer<typeof loginBody>;

export const sessionOrgUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    orgUnit: sessionOrgUnit,
  }),
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meResponse>;

export const metaResponse = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  database: z.enum(['embedded', 'postgres']),
});
export type Meta = z.infer<typeof metaResponse>;
