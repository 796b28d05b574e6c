import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { isoDate, pageQuery } from './common.ts';
import { checkCreditCode } from './credit-code.ts';
import { industryDivision, industryDivisions, industryLabel } from './industries.ts';

export const unionStatuses = ['none', 'preparing', 'own', 'joint'] as const;
export type UnionStatus = (typeof unionStatuses)[number];
export const unionStatusLabels: Record<UnionStatus, string> = {
  none: '未建会',
  preparing: '筹建中',
  own: '单独建会',
  joint: '联合建会',
};

export const partyStatuses = ['none', 'independent', 'joint'] as const;
export type PartyStatus = (typeof partyStatuses)[number];
export const partyStatusLabels: Record<PartyStatus, string> = {
  none: '未建党组织',
  independent: '单独组建',
  joint: '联合组建',
};

export const statusAspects = ['union', 'party', 'instructor'] as const;
export type StatusAspect = (typeof statusAspects)[number];
export const statusAspectLabels: Record<StatusAspect, string> = {
  union: '工会',
  party: '党组织',
  instructor: '党建指导员',
};

/**
 * 单位类别 of the union's organisation registration form (《工会组织信息登记表》填表说明, 2015), which
 * extends the 1998/2011 enterprise registration types with non-enterprise units.
 */
export const unitCategories = [
  { code: '110', name: '国有企业', nonPublic: false },
  { code: '120', name: '集体企业', nonPublic: false },
  { code: '130', name: '股份合作企业', nonPublic: false },
  { code: '140', name: '联营企业', nonPublic: false },
  { code: '151', name: '国有独资公司', nonPublic: false },
  { code: '159', name: '其他有限责任公司', nonPublic: false },
  { code: '161', name: '股份有限公司中的国有控股公司', nonPublic: false },
  { code: '169', name: '其他股份有限公司', nonPublic: false },
  { code: '170', name: '私营企业', nonPublic: true },
  { code: '190', name: '其他内资企业', nonPublic: false },
  { code: '200', name: '港澳台商投资企业', nonPublic: true },
  { code: '300', name: '外商投资企业', nonPublic: true },
  { code: '400', name: '事业单位', nonPublic: false },
  { code: '500', name: '机关', nonPublic: false },
  { code: '600', name: '个体经济组织', nonPublic: false },
  { code: '700', name: '民办非企业单位', nonPublic: false },
] as const;
export type UnitCategory = (typeof unitCategories)[number]['code'];
export const unitCategoryCodes = unitCategories.map((c) => c.code) as [UnitCategory, ...UnitCategory[]];
/** The categories counted as non-public enterprises (私营, 港澳台商投资, 外商投资). */
export const nonPublicCategories: readonly string[] = unitCategories
  .filter((c) => c.nonPublic)
  .map((c) => c.code);
export const unitCategoryName = (code: string) => unitCategories.find((c) => c.code === code)?.name ?? code;

export const creditCodeSchema = z.string({ error: '请填写统一社会信用代码' }).transform((v, ctx) => {
  const r = checkCreditCode(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.code;
});

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const employerFields = z.object({
  creditCode: creditCodeSchema,
  name: z
    .string({ error: '请填写单位名称' })
    .trim()
    .min(2, '单位名称至少 2 个字')
    .max(100, '单位名称最多 100 个字'),
  unitCategory: z.enum(unitCategoryCodes, { error: '请选择单位类别' }),
  industryCode: z
    .string({ error: '请选择所属行业' })
    .refine((c) => industryDivision(c) !== undefined, '所属行业应为 GB/T 4754-2017 的大类代码（两位数字）'),
  employees: z
    .number({ error: '职工人数应为数字' })
    .int('职工人数应为整数')
    .min(0, '职工人数不能为负')
    .max(1_000_000, '职工人数过大'),
  aboveScale: z.boolean({ error: '请选择是否规模以上' }),
  orgUnitId: z.number({ error: '请选择所在镇街或村社区' }).int().positive(),
  address: text('地址', 200),
  contactName: text('联系人', 40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^$|^[0-9+\-() ]{5,30}$/, '联系电话只能包含数字、空格和 + - ( )')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  registeredOn: isoDate,
});
export const createEmployerBody = employerFields;
export type CreateEmployerBody = z.infer<typeof createEmployerBody>;
export const updateEmployerBody = employerFields
  .partial()
  .refine((b) => Object.keys(b).length > 0, '没有要修改的内容');
export type UpdateEmployerBody = z.infer<typeof updateEmployerBody>;

export const employer = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  unitCategory: z.string(),
  industryCode: z.string(),
  employees: z.number().int(),
  aboveScale: z.boolean(),
  nonPublic: z.boolean(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  grassrootsUnionId: z.number().int().nullable(),
  /** Its own union's present name (单独建会), null without one. */
  grassrootsUnionName: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  unionStatus: z.enum(unionStatuses),
  partyStatus: z.enum(partyStatuses),
  instructorName: z.string().nullable(),
  registeredOn: z.string(),
  closedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type Employer = z.infer<typeof employer>;

export const statusChange = z.object({
  aspect: z.enum(statusAspects),
  value: z.string(),
  validFrom: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type StatusChange = z.infer<typeof statusChange>;

export const employerDetail = employer.extend({ history: z.array(statusChange) });
export type EmployerDetail = z.infer<typeof employerDetail>;

export const employerSorts = ['name', 'employees', 'registeredOn', 'updatedAt', 'creditCode'] as const;
export const employerSizes = ['lt25', '25to99', '100to299', '300plus'] as const;
export type EmployerSize = (typeof employerSizes)[number];
export const employerSizeLabels: Record<EmployerSize, string> = {
  lt25: '25 人以下',
  '25to99': '25–99 人',
  '100to299': '100–299 人',
  '300plus': '300 人及以上',
};

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const employerFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  unionStatus: z.enum(unionStatuses).optional(),
  partyStatus: z.enum(partyStatuses).optional(),
  size: z.enum(employerSizes).optional(),
  aboveScale: bool.optional(),
  /** A section letter (C) or a division code (13). */
  industry: z
    .string()
    .regex(/^([A-T]|\d{2})$/, '行业应为门类字母或两位大类代码')
    .optional(),
  orgUnitId: z.coerce.number().int().positive().max(2147483647).optional(),
  includeClosed: bool.optional(),
  sort: z.enum(employerSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type EmployerFilter = z.infer<typeof employerFilterQuery>;
export const listEmployersQuery = pageQuery.extend(employerFilterQuery.shape);
export type ListEmployersQuery = z.infer<typeof listEmployersQuery>;

export const creditCodeQuery = z.object({ code: z.string().max(40) });
export const creditCodeAvailability = z.object({
  valid: z.boolean(),
  message: z.string().nullable(),
  existing: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

const notFuture = (d: string) => d <= new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const actionDate = isoDate.refine(notFuture, '日期不能晚于今天');

export const unionActionBody = z.object({
  status: z.enum(unionStatuses, { error: '请选择工会状态' }),
  date: actionDate,
  /** For 'own': the new grassroots union's name (default: 单位名称 + 工会委员会). */
  unionName: z.string().trim().min(2).max(100).optional(),
  note: text('说明', 200),
});
export type UnionActionBody = z.infer<typeof unionActionBody>;

export const partyActionBody = z.object({
  status: z.enum(partyStatuses, { error: '请选择党组织状态' }),
  date: actionDate,
  note: text('说明', 200),
});
export type PartyActionBody = z.infer<typeof partyActionBody>;

export const instructorActionBody = z.object({
  name: z.string().trim().max(40, '姓名最多 40 个字').nullable(),
  date: actionDate,
});
export type InstructorActionBody = z.infer<typeof instructorActionBody>;

export const closeEmployerBody = z.object({ date: actionDate, note: text('说明', 200) });
export type CloseEmployerBody = z.infer<typeof closeEmployerBody>;

export const importModes = ['all_or_nothing', 'valid_only'] as const;
export type ImportMode = (typeof importModes)[number];
export const importModeLabels: Record<ImportMode, string> = {
  all_or_nothing: '全部正确才导入',
  valid_only: '只导入正确的行',
};
export const startImportQuery = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  mode: z.enum(importModes),
});
export const importStatus = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mode: z.enum(importModes),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  result: z
    .object({
      rows: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      invalid: z.number().int(),
      applied: z.boolean(),
    })
    .nullable(),
  error: z.string().nullable(),
  hasReport: z.boolean(),
  /** Whether the applied import was undone since. */
  undone: z.boolean(),
});
export type ImportStatus = z.infer<typeof importStatus>;

const employerAuditLabels = {
  actions: {
    'employer.create': '登记单位',
    'employer.update': '修改单位信息',
    'employer.union': '变更建会状态',
    'employer.party': '变更党组织状态',
    'employer.instructor': '指派党建指导员',
    'employer.close': '单位注销',
    'employer.import': '导入单位名录',
    'employer.export': '导出单位名录',
    'employer.export_download': '下载导出的单位名录',
    'employer.import_undo': '撤销单位名录导入',
    'employer.import_undo_employer': '撤销名录导入对单位的修改',
    'employer.import_undo_union': '撤销名录导入建立的基层工会',
  },
  entityTypes: { employer: '单位', employer_import: '单位导入' },
  fields: {
    name: '单位名称',
    creditCode: '统一社会信用代码',
    unitCategory: '单位类别',
    industryCode: '所属行业',
    employees: '职工人数',
    aboveScale: '规模以上',
    nonPublic: '非公有制单位',
    address: '地址',
    contactName: '联系人',
    contactPhone: '联系电话',
    registeredOn: '登记日期',
    closedOn: '注销日期',
    orgUnitId: '所在地组织编号',
    orgUnitName: '所在村（社区）',
    unionStatus: '建会状态',
    unionSince: '建会日期',
    partyStatus: '党组织状态',
    partySince: '党组织建立日期',
    instructorName: '党建指导员',
    instructorSince: '指派日期',
    grassrootsUnion: '基层工会',
    grassrootsUnionId: '基层工会编号',
    grassrootsUnionName: '基层工会',
    change: '变更',
    blank: '留空未改的字段',
    invalid: '有误的行',
    members: '会员',
    moved: '转到上级工会的会员数',
    released: '解除工作单位的会员数',
    upperOrgUnitId: '上级工会编号',
  },
  values: {
    unionStatus: unionStatusLabels,
    partyStatus: partyStatusLabels,
    unitCategory: Object.fromEntries(unitCategories.map((c) => [c.code, `${c.code} ${c.name}`])),
    industryCode: Object.fromEntries(industryDivisions.map((d) => [d.code, industryLabel(d.code)])),
    mode: importModeLabels,
  },
} as const satisfies AuditLabels;

/** What the employers module adds to the contracts both sides read: its permissions and its audit labels. */
export const employerContract = {
  permissions: ['employer:read', 'employer:write'],
  auditLabels: employerAuditLabels,
} as const satisfies ModuleContract;
