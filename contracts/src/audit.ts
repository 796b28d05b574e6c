import { z } from 'zod';
import { isoDate, pageQuery } from './common.ts';
import type { AuditLabels } from './module.ts';
import { roleLabels } from './auth.ts';
import { jointTypeLabels, orgKindLabels, orgLevelLabels } from './orgs.ts';
import { moduleContracts } from './modules.ts';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The record's name as a cadre knows it (「董浜镇工会管理员」, a member's masked name), when it still exists. */
  entityName: z.string().nullable().optional(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  clientAddress: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditFilterShape = {
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  username: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const listAuditQuery = pageQuery.extend(auditFilterShape);

/** The log's filters without paging: what its export takes. */
export const auditFilterQuery = z.object(auditFilterShape);
export type AuditFilterQuery = z.infer<typeof auditFilterQuery>;

/** The kinds of action a log holds, for its action filter: exports and downloads, reveals, then the rest. */
export const auditActionGroups = ['export', 'reveal', 'auth', 'write'] as const;
export type AuditActionGroup = (typeof auditActionGroups)[number];
export const auditActionGroupLabels: Record<AuditActionGroup, string> = {
  export: '导出与下载',
  reveal: '查看个人敏感信息',
  auth: '登录与账号',
  write: '新增与修改',
};

/** The group an action is listed under in the log's action filter. */
export function auditActionGroup(action: string): AuditActionGroup {
  if (/(^|[._])(export|download)/.test(action)) return 'export';
  if (action === 'personal_data.reveal') return 'reveal';
  if (action.startsWith('auth.') || action.startsWith('user.')) return 'auth';
  return 'write';
}

export const auditActionOption = z.object({
  value: z.string(),
  label: z.string(),
  group: z.enum(auditActionGroups),
  /** How many entries of the caller's scope hold it. */
  count: z.number().int(),
});
export type AuditActionOption = z.infer<typeof auditActionOption>;

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
    'audit.export': '导出审计日志',
    'audit.export_download': '下载导出的审计日志',
    'user.password_change': '修改本人密码',
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
  fields: {
    id: '编号',
    name: '名称',
    kind: '组织类型',
    level: '层级',
    jointType: '联合工会类别',
    divisionCode: '行政区划代码',
    parentId: '上级组织编号',
    parentName: '上级组织',
    validFrom: '生效日期',
    validTo: '失效日期',
    closedOn: '撤销日期',
    successorId: '承继组织编号',
    successor: '承继组织',
    sources: '被合并组织',
    target: '合并后组织',
    movedUsers: '随之转移的用户数',
    date: '日期',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    orgUnitId: '所属组织编号',
    orgUnitName: '所属组织',
    active: '启用',
    lockedUntil: '锁定至',
    unlock: '解除锁定',
    password: '密码',
    passwordChanged: '修改了密码',
    sessionsEnded: '结束的其他登录会话数',
    browser: '浏览器',
    failures: '连续登录失败次数',
    locked: '已锁定',
    reason: '原因',
    note: '说明',
    field: '查看的信息',
    ownerType: '所属记录类型',
    ownerId: '所属记录编号',
    from: '关联自',
    to: '关联到',
    type: '记录类型',
    fileName: '文件名',
    bytes: '文件大小（字节）',
    sizeBytes: '文件大小（字节）',
    rows: '行数',
    count: '数量',
    filters: '筛选条件',
    q: '关键词',
    sort: '排序字段',
    order: '排序方向',
    status: '状态',
    importId: '导入批次编号',
    mode: '导入方式',
    created: '新增',
    updated: '修改',
    unchanged: '未变',
    errors: '有误的行',
    heldElsewhere: '属其他工会的行',
    nameChanges: '待确认的姓名变更',
    restored: '已恢复',
  },
  values: {
    kind: orgKindLabels,
    level: orgLevelLabels,
    jointType: jointTypeLabels,
    role: roleLabels,
    field: { residentId: '身份证号码', phone: '手机号码' },
    order: { asc: '升序', desc: '降序' },
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

/** Field and value names for the entries about one kind of record. */
export interface AuditFieldLabels {
  fields: Record<string, string>;
  values: Record<string, Record<string, string>>;
}

/** Record kinds name other records (an attachment's owner, a link's two ends): their values are kinds. */
const KIND_FIELDS = ['ownerType', 'type'];

function merged(sets: readonly AuditLabels[]): AuditFieldLabels {
  const fields: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  // The first set that names a field or a value keeps it.
  for (const set of [...sets].reverse()) {
    Object.assign(fields, set.fields);
    for (const [field, labels] of Object.entries(set.values ?? {}))
      values[field] = { ...values[field], ...labels };
  }
  for (const field of KIND_FIELDS) values[field] = { ...auditEntityTypeLabels, ...values[field] };
  return { fields, values };
}

/**
 * For entries whose fields come from any module (an export's filters): a field two modules name apart
 * gets the plain name.
 */
const everyAuditFieldLabel = merged([
  {
    actions: {},
    entityTypes: {},
    fields: {
      kind: '类型',
      name: '名称',
      status: '状态',
      orgUnitId: '组织编号',
      action: '操作',
      entityType: '记录类型',
      from: '起始日期',
      to: '截止日期',
    },
    values: { action: auditActionLabels, entityType: auditEntityTypeLabels },
  },
  ...allAuditLabels,
]);
const labelsByEntityType = new Map<string, AuditFieldLabels>();
for (const set of allAuditLabels) {
  const own = merged([set, ...allAuditLabels]);
  for (const type of Object.keys(set.entityTypes)) labelsByEntityType.set(type, own);
}

/**
 * The names of the fields and coded values of the entries about `entityType`: its module's own first,
 * then the platform's, then any module's; with no kind given, the names any entry may use.
 */
export function auditFieldLabelsFor(entityType?: string | null): AuditFieldLabels {
  return (entityType ? labelsByEntityType.get(entityType) : undefined) ?? everyAuditFieldLabel;
}

/** Bookkeeping the server keeps beside a record, not something a cadre changed: the log leaves it out. */
export const auditHiddenFields: ReadonlySet<string> = new Set([
  'path',
  'depth',
  'createdOn',
  'childCount',
  'createdAt',
  'updatedAt',
  'lastLoginAt',
  'csrfToken',
]);
