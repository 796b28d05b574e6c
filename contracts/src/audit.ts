import { z } from 'zod';
import { isoDate, pageQuery } from './common.ts';
import type { AuditLabels } from './module.ts';
import { moduleContracts } from './modules.ts';

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

/** The platform's own entries: sign-in, the union tree, accounts, unmasked personal data. */
export const platformAuditLabels = {
  actions: {
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
    'personal_data.reveal': '查看个人敏感信息',
    'attachment.create': '上传附件',
    'attachment.download': '下载附件',
    'attachment.delete': '删除附件',
    'link.create': '关联记录',
    'link.delete': '取消记录关联',
  },
  entityTypes: {
    org_unit: '工会组织',
    org: '工会组织',
    orgUnit: '工会组织',
    user: '用户',
    session: '登录会话',
    auth: '登录',
    attachment: '附件',
    record_link: '记录关联',
    export_file: '导出文件',
  },
} as const satisfies AuditLabels;

const allAuditLabels = [platformAuditLabels, ...moduleContracts.map((m) => m.auditLabels)] as const;

/** Every action the server records: an audit entry's action is one of these, checked by the type checker. */
type ActionsOf<L> = L extends { actions: infer A } ? keyof A & string : never;
export type AuditAction = ActionsOf<
  typeof platformAuditLabels | (typeof moduleContracts)[number]['auditLabels']
>;

/** Every kind of record an audit entry can be about, checked like the actions. */
type EntityTypesOf<L> = L extends { entityTypes: infer E } ? keyof E & string : never;
export type AuditEntityType = EntityTypesOf<
  typeof platformAuditLabels | (typeof moduleContracts)[number]['auditLabels']
>;

/** Labels for the actions the audit log records, shown in the log browser. */
export const auditActionLabels: Record<string, string> = Object.assign(
  {},
  ...allAuditLabels.map((l) => l.actions),
);

/** Labels for the kinds of record the audit log is about. */
export const auditEntityTypeLabels: Record<string, string> = Object.assign(
  {},
  ...allAuditLabels.map((l) => l.entityTypes),
);
