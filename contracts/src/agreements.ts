import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { pageQuery } from './common.ts';
import { attachmentInfo } from './attachments.ts';

export const agreementKinds = ['enterprise', 'regional', 'industry'] as const;
export type AgreementKind = (typeof agreementKinds)[number];
export const agreementKindLabels: Record<AgreementKind, string> = {
  enterprise: '企业集体合同',
  regional: '区域性集体合同',
  industry: '行业性集体合同',
};

/** The agreed raise is kept in basis points: 350 = 3.50 %. */
export const RAISE_BP_MIN = -10000;
export const RAISE_BP_MAX = 100000;
/** A million yuan a month; the column is a 32-bit integer of fen. */
export const MINIMUM_WAGE_FEN_MAX = 100_000_000;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const date = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD，例如 2011-09-30` });

export const agreementSorts = ['startsOn', 'endsOn', 'signedOn', 'title', 'raiseBp'] as const;
export type AgreementSort = (typeof agreementSorts)[number];

/** Where an agreement stands today: the register's status filter. */
export const agreementStatuses = ['inForce', 'expiring', 'expired', 'lapsed'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];
export const agreementStatusLabels: Record<AgreementStatus, string> = {
  inForce: '履行中',
  expiring: '90 天内到期',
  expired: '已到期',
  lapsed: '到期未续签',
};
/** Days ahead within which an agreement in force counts as expiring (续签 is due). */
export const AGREEMENT_EXPIRING_DAYS = 90;

export const agreementFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  kind: z.enum(agreementKinds, { error: '合同类型应为企业、区域性或行业性' }).optional(),
  wageSpecific: bool.optional(),
  /**
   * Today's standing: in force; in force and ending within 90 days; ended; ended with no later agreement
   * of the same kind signed by the same union (到期未续签).
   */
  status: z.enum(agreementStatuses, { error: '合同状态不正确' }).optional(),
  /** Agreements in force on this date (starts_on ≤ d ≤ ends_on). */
  inForceOn: date('生效日期').optional(),
  /** Agreements signed by this union or any union below it. */
  orgUnitId: z.coerce.number().int().positive().max(2147483647).optional(),
  /** Agreements that cover this employer. */
  employerId: z.coerce
    .number({ error: '单位编号应为数字' })
    .int('单位编号应为整数')
    .positive('单位编号应为正整数')
    .max(2147483647, '单位编号过大')
    .optional(),
  sort: z.enum(agreementSorts).default('startsOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type AgreementFilter = z.infer<typeof agreementFilterQuery>;
export const listAgreementsQuery = pageQuery.extend(agreementFilterQuery.shape);
export type ListAgreementsQuery = z.infer<typeof listAgreementsQuery>;

const employerIds = z
  .array(z.number({ error: '单位编号应为数字' }).int('单位编号应为整数').positive('单位编号应为正整数'), {
    error: '请选择覆盖的单位',
  })
  .max(1000, '一次最多 1000 家单位');

export const agreementTermFields = z.object({
  title: z
    .string({ error: '请填写合同名称' })
    .trim()
    .min(4, '合同名称至少 4 个字')
    .max(100, '合同名称最多 100 个字'),
  wageSpecific: z.boolean({ error: '请选择是否工资专项集体合同' }),
  signedOn: date('签订日期'),
  startsOn: date('生效日期'),
  endsOn: date('期满日期'),
  raiseBp: z
    .number({ error: '工资增幅应为数字' })
    .int('工资增幅最多两位小数')
    .min(RAISE_BP_MIN, '工资增幅不能低于 -100%')
    .max(RAISE_BP_MAX, '工资增幅不能超过 1000%')
    .nullable()
    .optional(),
  minimumWageFen: z
    .number({ error: '最低工资应为数字' })
    .int('最低工资最多两位小数（以分计）')
    .min(0, '最低工资不能为负')
    .max(MINIMUM_WAGE_FEN_MAX, '最低工资过大')
    .nullable()
    .optional(),
  filedOn: date('备案日期').nullable().optional(),
  note: optionalText('备注', 500),
});

export const createAgreementBody = agreementTermFields.extend({
  kind: z.enum(agreementKinds, { error: '请选择合同类型' }),
  orgUnitId: z.number({ error: '请选择签约工会' }).int().positive().max(2147483647),
  employerIds: employerIds.min(1, '请至少选择一家覆盖的单位'),
});
export type CreateAgreementBody = z.infer<typeof createAgreementBody>;

export const updateAgreementBody = agreementTermFields.partial();
export type UpdateAgreementBody = z.infer<typeof updateAgreementBody>;

export const agreementEmployersBody = z.object({
  employerIds: employerIds.min(1, '请至少选择一家单位'),
});
export type AgreementEmployersBody = z.infer<typeof agreementEmployersBody>;

export const agreement = z.object({
  id: z.number().int(),
  kind: z.enum(agreementKinds),
  wageSpecific: z.boolean(),
  title: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  signedOn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  raiseBp: z.number().int().nullable(),
  minimumWageFen: z.number().int().nullable(),
  filedOn: z.string().nullable(),
  note: z.string().nullable(),
  employerCount: z.number().int(),
  workersCovered: z.number().int(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreement>;

export const agreementEmployer = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  employees: z.number().int(),
  orgUnitName: z.string(),
  closedOn: z.string().nullable(),
});
export type AgreementEmployer = z.infer<typeof agreementEmployer>;

export const agreementDetail = agreement.extend({
  employers: z.array(agreementEmployer),
  /** The signed contract's scanned pages, as the caller may download them. */
  scans: z.array(attachmentInfo),
});

/** What a signed contract's scan may be: a PDF or a photograph of its pages. */
export const agreementScanExtensions = ['pdf', 'jpg', 'jpeg', 'png'] as const;
export const agreementScanQuery = z.object({
  fileName: z.string({ error: '请给出文件名' }).trim().min(1, '请给出文件名').max(200, '文件名最多 200 个字'),
});
export type AgreementDetail = z.infer<typeof agreementDetail>;

export const agreementEmployersResult = z.object({
  /** Employers whose coverage changed now. */
  changed: z.number().int(),
  /** Employers that were already (or not) covered, left as they were. */
  unchanged: z.number().int(),
  agreement: agreementDetail,
});
export type AgreementEmployersResult = z.infer<typeof agreementEmployersResult>;

/** 350 → "3.50%". */
export function formatRaise(bp: number | null): string {
  return bp === null ? '' : `${(bp / 100).toFixed(2)}%`;
}

/** 252000 → "2520.00". */
export function formatYuan(fen: number | null): string {
  return fen === null ? '' : (fen / 100).toFixed(2);
}

const agreementAuditLabels = {
  actions: {
    'agreement.create': '登记集体合同',
    'agreement.update': '修改集体合同',
    'agreement.add_employers': '集体合同增加覆盖单位',
    'agreement.remove_employers': '集体合同移除覆盖单位',
    'agreement.export': '导出集体合同',
    'agreement.export_download': '下载导出的集体合同',
  },
  entityTypes: { collective_agreement: '集体合同' },
  fields: {
    kind: '合同类型',
    title: '合同名称',
    signedOn: '签订日期',
    startsOn: '生效日期',
    endsOn: '终止日期',
    filedOn: '备案日期',
    workersCovered: '覆盖职工人数',
    wageSpecific: '工资专项集体合同',
    raiseBp: '工资增长幅度（万分之一）',
    minimumWageFen: '最低工资标准（分）',
    employerIds: '覆盖单位编号',
    employerId: '覆盖的单位编号',
    status: '合同状态',
    employerCount: '覆盖单位数',
    employers: '覆盖单位',
    added: '增加的覆盖单位',
    removed: '移除的覆盖单位',
  },
  values: { kind: agreementKindLabels, status: agreementStatusLabels },
} as const satisfies AuditLabels;

/** What the agreements module adds to the contracts both sides read: its permissions and its audit labels. */
export const agreementContract = {
  permissions: ['agreement:read', 'agreement:write'],
  auditLabels: agreementAuditLabels,
} as const satisfies ModuleContract;
