import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { isoDate, pageQuery } from './common.ts';
import { parseResidentId, phoneProblem, normalisePhone } from './resident-id.ts';

export const memberStatuses = ['active', 'retired', 'unemployed', 'transferred', 'left', 'deceased'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels: Record<MemberStatus, string> = {
  active: '在册',
  retired: '退休保留会籍',
  unemployed: '失业保留会籍',
  transferred: '已转出',
  left: '已退会',
  deceased: '已故',
};
/** Statuses in which the person is still a member somewhere: at most one such membership per person. */
export const liveMemberStatuses: readonly MemberStatus[] = ['active', 'retired', 'unemployed'];

export const householdTypes = ['urban', 'rural'] as const;
export type HouseholdType = (typeof householdTypes)[number];
export const householdTypeLabels: Record<HouseholdType, string> = { urban: '城镇户籍', rural: '农村户籍' };

export const educationLevels = [
  '小学及以下',
  '初中',
  '高中',
  '中专',
  '大专',
  '本科',
  '硕士研究生',
  '博士研究生',
] as const;

export const genderLabels = { male: '男', female: '女' } as const;

/** Members are numbered HY00001234 in the registry: the number is printed on exports and read back on import. */
export const registryNumber = (id: number) => `HY${String(id).padStart(8, '0')}`;
export function registryIdOf(text: string): number | null {
  const m = /^HY(\d{1,10})$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && n <= 2147483647 ? n : null;
}

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const memberName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(1, '请填写姓名')
  .max(40, '姓名最多 40 个字')
  .regex(/^[\p{L}·•.\s()（）-]+$/u, '姓名只能包含文字、间隔号“·”、空格和括号');

export const residentIdField = z.string({ error: '请填写身份证号码' }).superRefine((v, ctx) => {
  const r = parseResidentId(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

export const phoneField = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : normalisePhone(v)))
  .nullable()
  .optional()
  .superRefine((v, ctx) => {
    const problem = v ? phoneProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The fields a union keeps on a member, as the enrol form and the import template name them. */
export const memberFields = z.object({
  name: memberName,
  phone: phoneField,
  ethnicity: optionalText('民族', 20),
  education: z.enum(educationLevels, { error: '请选择文化程度' }).nullable().optional(),
  householdType: z.enum(householdTypes, { error: '户籍类型应为城镇户籍或农村户籍' }).nullable().optional(),
  migrantWorker: z.boolean().default(false),
  newEmploymentForm: z.boolean().default(false),
  employerId: z.number().int().positive().nullable().optional(),
});

export const enrolMemberBody = memberFields.extend({
  residentId: residentIdField,
  orgUnitId: z.number({ error: '请选择所属工会' }).int().positive(),
  joinedOn: isoDate,
});
export type EnrolMemberBody = z.infer<typeof enrolMemberBody>;

// The flags' defaults belong to enrolment: a change that leaves them out keeps them as they are.
export const updateMemberBody = memberFields
  .extend({ migrantWorker: z.boolean().optional(), newEmploymentForm: z.boolean().optional() })
  .partial();
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

export const changeStatusBody = z.object({
  status: z.enum(memberStatuses, { error: '请选择会籍状态' }),
  date: isoDate,
  note: z.string().trim().min(2, '请填写说明（至少 2 个字）').max(200, '说明最多 200 个字'),
});
export type ChangeStatusBody = z.infer<typeof changeStatusBody>;

export const revealFields = ['residentId', 'phone'] as const;
export type RevealField = (typeof revealFields)[number];
export const revealBody = z.object({
  field: z.enum(revealFields, { error: '请选择要查看的信息' }),
  reason: z
    .string({ error: '请填写查看原因' })
    .trim()
    .min(2, '请填写查看原因（至少 2 个字）')
    .max(200, '查看原因最多 200 个字'),
});
export const revealResponse = z.object({ field: z.enum(revealFields), value: z.string().nullable() });

/** Age bands of the roster's filter, in whole years on the day asked (the usual bands of union statistics). */
export const memberAgeBands = ['upTo35', 'from36to45', 'from46to55', 'from56'] as const;
export type MemberAgeBand = (typeof memberAgeBands)[number];
export const memberAgeBandLabels: Record<MemberAgeBand, string> = {
  upTo35: '35 岁及以下',
  from36to45: '36–45 岁',
  from46to55: '46–55 岁',
  from56: '56 岁及以上',
};
/** Each band's ages, both ends included (null: no upper end). */
export const memberAgeBandYears: Record<MemberAgeBand, readonly [number, number | null]> = {
  upTo35: [0, 35],
  from36to45: [36, 45],
  from46to55: [46, 55],
  from56: [56, null],
};

const yesNo = (label: string) => z.enum(['true', 'false'], { error: `${label}筛选应为是或否` });

export const memberSortKeys = ['name', 'joinedOn', 'birthDate', 'id'] as const;
export const listMembersQuery = pageQuery.extend({
  q: z.string().trim().max(40, '搜索词最多 40 个字').optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  employerId: z.coerce.number().int().positive().optional(),
  status: z.enum(memberStatuses).optional(),
  migrantWorker: yesNo('农民工').optional(),
  newEmploymentForm: yesNo('新就业形态').optional(),
  gender: z.enum(['male', 'female'], { error: '性别应为男或女' }).optional(),
  ageBand: z.enum(memberAgeBands, { error: '年龄段不正确' }).optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  sort: z.enum(memberSortKeys).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

export const member = z.object({
  id: z.number().int(),
  registryNo: z.string(),
  name: z.string(),
  residentIdMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  householdType: z.enum(householdTypes).nullable(),
  migrantWorker: z.boolean(),
  newEmploymentForm: z.boolean(),
  employerId: z.number().int().nullable(),
  employerName: z.string().nullable(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  status: z.enum(memberStatuses),
  statusSince: z.string(),
  joinedOn: z.string(),
});
export type Member = z.infer<typeof member>;

export const memberHistoryEntry = z.object({
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  employerName: z.string().nullable(),
  status: z.enum(memberStatuses),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  change: z.string(),
  note: z.string().nullable(),
});
export const memberDetail = member.extend({ history: z.array(memberHistoryEntry) });
export type MemberDetail = z.infer<typeof memberDetail>;

/** Where a person already holds a membership, told to whoever tries to enrol or import them again. */
export const membershipElsewhere = z.object({
  orgUnitName: z.string(),
  status: z.enum(memberStatuses),
  registryNo: z.string(),
});

export const transferStatuses = ['pending', 'accepted', 'rejected', 'cancelled'] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferStatusLabels: Record<TransferStatus, string> = {
  pending: '待接收',
  accepted: '已接收',
  rejected: '已退回',
  cancelled: '已撤回',
};

const transferReason = z
  .string({ error: '请填写接转原因' })
  .trim()
  .min(2, '请填写接转原因（至少 2 个字）')
  .max(200, '接转原因最多 200 个字');

/** Started by the sending union (it names the member) or by the receiving one (it gives the resident ID). */
export const startTransferBody = z
  .object({
    memberId: z.number().int().positive().optional(),
    residentId: z.string().max(40).optional(),
    toOrgUnitId: z.number({ error: '请选择接收工会' }).int().positive(),
    toEmployerId: z.number().int().positive().nullable().optional(),
    reason: transferReason,
  })
  .refine((b) => (b.memberId === undefined) !== (b.residentId === undefined), {
    message: '请选择会员，或填写要接收会员的身份证号码',
    path: ['memberId'],
  });
export type StartTransferBody = z.infer<typeof startTransferBody>;

export const bulkTransferBody = z.object({
  fromOrgUnitId: z.number({ error: '请选择转出工会' }).int().positive(),
  employerId: z.number().int().positive().nullable().optional(),
  memberIds: z.array(z.number().int().positive()).max(10_000, '一次最多 10000 人').optional(),
  toOrgUnitId: z.number({ error: '请选择接收工会' }).int().positive(),
  toEmployerId: z.number().int().positive().nullable().optional(),
  reason: transferReason,
});
export type BulkTransferBody = z.infer<typeof bulkTransferBody>;

export const decideTransferBody = z.object({
  accept: z.boolean({ error: '请选择接收或退回' }),
  reason: z.string().trim().max(200, '原因最多 200 个字').optional(),
});
export type DecideTransferBody = z.infer<typeof decideTransferBody>;

export const decideBatchBody = decideTransferBody.extend({
  transferIds: z.array(z.number().int().positive()).min(1, '请选择接转申请').max(10_000, '一次最多 10000 条'),
});

export const listTransfersQuery = pageQuery.extend({
  box: z.enum(['inbox', 'outbox']).default('inbox'),
  status: z.enum(transferStatuses).optional(),
  q: z.string().trim().max(40).optional(),
});

export const transfer = z.object({
  id: z.number().int(),
  batchId: z.number().int().nullable(),
  memberId: z.number().int(),
  memberName: z.string(),
  registryNo: z.string(),
  residentIdMasked: z.string(),
  fromOrgUnitId: z.number().int(),
  fromOrgUnitName: z.string(),
  toOrgUnitId: z.number().int(),
  toOrgUnitName: z.string(),
  toEmployerName: z.string().nullable(),
  initiatedBy: z.enum(['sender', 'receiver']),
  status: z.enum(transferStatuses),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  requestedOn: z.string(),
  decidedOn: z.string().nullable(),
  /** The number of its introduction letter (会员组织关系介绍信), e.g. 工会转字〔2026〕第 000123 号. */
  letterNo: z.string(),
});
export type Transfer = z.infer<typeof transfer>;

export const bulkTransferResponse = z.object({ batchId: z.number().int(), count: z.number().int() });
export const decideBatchResponse = z.object({
  decided: z.number().int(),
  failed: z.array(z.object({ transferId: z.number().int(), message: z.string() })),
});

export const importStatuses = ['queued', 'running', 'done', 'rejected', 'failed', 'undone'] as const;
export const memberImport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  orgUnitId: z.number().int(),
  status: z.enum(importStatuses),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  rowsRead: z.number().int(),
  summary: z
    .object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      errors: z.number().int(),
      /** Rows of people who are live members of another union: not applied, listed apart. */
      heldElsewhere: z.number().int(),
      /** Rows whose known ID carries another name: they wait for the uploader's confirmation. */
      nameChanges: z.number().int(),
    })
    .nullable(),
  hasReport: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type MemberImport = z.infer<typeof memberImport>;

/** A roster row not applied: a person of another union, or a known ID under another name. */
export const heldImportRow = z.object({
  rowNo: z.number().int(),
  kind: z.enum(['elsewhere', 'name']),
  name: z.string(),
  residentIdMasked: z.string(),
  message: z.string(),
  /** For a changed name: the name on record. */
  currentName: z.string().nullable(),
  /** The registry number, only for a member inside the caller's scope. */
  registryNo: z.string().nullable(),
  /** The transfer asked for this row, once there is one. */
  transferId: z.number().int().nullable(),
  transferStatus: z.enum(transferStatuses).nullable(),
});
export type HeldImportRow = z.infer<typeof heldImportRow>;
export const heldImportRowsQuery = z.object({ kind: z.enum(['elsewhere', 'name']).optional() });

export const confirmNameChangesBody = z.object({
  /** The rows whose new names apply; the other waiting rows are dropped. */
  rowNos: z.array(z.number().int().positive()).max(100_000),
});
export const confirmNameChangesResponse = z.object({ applied: z.number().int(), dropped: z.number().int() });

export const undoImportResponse = z.object({ removed: z.number().int(), restored: z.number().int() });

export const importTransfersBody = z.object({ reason: transferReason });
export const importTransfersResponse = z.object({
  started: z.number().int(),
  failed: z.array(z.object({ rowNo: z.number().int(), message: z.string() })),
});

export const importMembersQuery = z.object({
  orgUnitId: z.coerce.number({ error: '请选择导入到哪个工会' }).int().positive().max(2147483647),
  fileName: z.string().trim().min(1, '缺少文件名').max(200, '文件名过长'),
});

const memberAuditLabels = {
  actions: {
    'member.enrol': '会员入会登记',
    'member.update': '修改会员信息',
    'member.status': '变更会员状态',
    'member.import': '导入会员名册',
    'member.import_upload': '上传会员名册',
    'member.import_create': '名册导入新增会员',
    'member.import_update': '名册导入修改会员',
    'member.import_names': '确认名册中的姓名变更',
    'member.import_undo': '撤销会员名册导入',
    'member.import_undo_member': '撤销名册导入对会员的修改',
    'member.import_transfers': '为名册中其他工会的会员发起接转',
    'member.export': '导出会员名册',
    'member.export_download': '下载导出的会员名册',
    'member.employer_closed': '单位注销后会员转上级工会',
    'transfer.start': '发起会员接转',
    'transfer.start_bulk': '批量发起会员接转',
    'transfer.accept': '接收会员接转',
    'transfer.reject': '拒绝会员接转',
    'transfer.cancel': '撤回会员接转',
  },
  entityTypes: {
    member: '会员',
    member_import: '会员导入',
    member_export: '会员导出',
    member_transfer: '会员接转',
  },
  fields: {
    name: '姓名',
    registryNo: '会员编号',
    residentId: '身份证号码',
    phone: '手机号码',
    phoneChanged: '更换了手机号码',
    gender: '性别',
    birthDate: '出生日期',
    ethnicity: '民族',
    education: '文化程度',
    householdType: '户籍类型',
    joinedOn: '入会日期',
    migrantWorker: '农民工',
    newEmploymentForm: '新就业形态',
    employerId: '工作单位编号',
    employerName: '工作单位',
    orgUnitId: '所属工会编号',
    orgUnitName: '所属工会',
    status: '状态',
    statusSince: '状态起始日期',
    memberId: '会员记录编号',
    fromOrgUnitId: '转出工会编号',
    toOrgUnitId: '转入工会编号',
    initiatedBy: '发起方',
    transferIds: '接转编号',
    started: '已发起接转',
    failed: '未能发起',
    confirmed: '确认的行数',
    applied: '已修改',
    dropped: '已放弃',
    moved: '转到上级工会的会员数',
    released: '解除工作单位的会员数',
    upperOrgUnitId: '上级工会编号',
    ageBand: '年龄段',
    joinedFrom: '入会日期起',
    joinedTo: '入会日期止',
  },
  values: {
    status: { ...memberStatusLabels, ...transferStatusLabels },
    ageBand: memberAgeBandLabels,
    householdType: householdTypeLabels,
    gender: genderLabels,
    initiatedBy: { from: '转出方', to: '转入方' },
  },
} as const satisfies AuditLabels;

/** What the members module adds to the contracts both sides read: its permissions and its audit labels. */
export const memberContract = {
  permissions: ['member:read', 'member:write', 'member:reveal', 'transfer:write'],
  auditLabels: memberAuditLabels,
} as const satisfies ModuleContract;
