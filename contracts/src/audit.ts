import { z } from 'zod';
import { isoDate, pageQuery } from './common.ts';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  clientAddress: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAuditQuery = pageQuery.extend({
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  username: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** Labels for the actions the audit log records, shown in the log browser. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'org.create': '新建组织',
  'org.rename': '组织更名',
  'org.move': '调整隶属',
  'org.merge': '组织合并',
  'org.close': '撤销组织',
  'user.create': '新建用户',
  'user.update': '修改用户',
};
