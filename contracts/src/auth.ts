import { z } from 'zod';
import { moduleContracts } from './modules.ts';

export const roles = ['admin', 'cadre', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  admin: '管理员',
  cadre: '工会干部',
  viewer: '只读查看',
};

/** The platform's own permissions: the union tree, accounts, the audit log. */
const platformPermissions = ['org:read', 'org:write', 'user:read', 'user:write', 'audit:read'] as const;

/** What a role may do; routes declare one of these and the server checks it. Modules add theirs. */
export type Permission =
  (typeof platformPermissions)[number] | (typeof moduleContracts)[number]['permissions'][number];
export const permissions = [
  ...platformPermissions,
  ...moduleContracts.flatMap((m) => m.permissions),
] as unknown as readonly [Permission, ...Permission[]];

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
