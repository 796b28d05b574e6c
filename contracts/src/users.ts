import { z } from 'zod';
import { pageQuery } from './common.ts';
import { roles } from './auth.ts';

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const usernameSchema = z
  .string({ error: '请填写用户名' })
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名须以小写字母开头，3–32 位小写字母、数字或 _ . -');
export const passwordSchema = z
  .string({ error: '请填写密码' })
  .min(10, '密码至少 10 位')
  .max(128, '密码最多 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字');

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
});

export const createUserBody = z.object({
  username: usernameSchema,
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字'),
  role: z.enum(roles, { error: '请选择角色' }),
  orgUnitId: z.number({ error: '请选择所属组织' }).int().positive(),
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字').optional(),
    role: z.enum(roles).optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
    unlock: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '没有要修改的内容');
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** Changing one's own password: the current one first, the new one under the rules every password keeps. */
export const changePasswordBody = z
  .object({
    oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码').max(256, '原密码过长'),
    newPassword: passwordSchema,
  })
  .refine((b) => b.oldPassword !== b.newPassword, {
    path: ['newPassword'],
    message: '新密码不能与原密码相同',
  });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const changePasswordResponse = z.object({
  ok: z.literal(true),
  /** How many of the user's other sessions (other browsers, other computers) were ended. */
  sessionsEnded: z.number().int(),
});
export type ChangePasswordResponse = z.infer<typeof changePasswordResponse>;

/** One sign-in of the caller's own account: when, from which address, with which browser. */
export const ownLogin = z.object({
  at: z.string(),
  succeeded: z.boolean(),
  clientAddress: z.string().nullable(),
  browser: z.string().nullable(),
});
export type OwnLogin = z.infer<typeof ownLogin>;
