import { z } from 'zod';
import { isoDate } from './common.ts';

export const orgKinds = ['federation', 'joint_union', 'grassroots_union'] as const;
export type OrgKind = (typeof orgKinds)[number];
export const orgKindLabels: Record<OrgKind, string> = {
  federation: '总工会 / 镇街工会',
  joint_union: '联合工会',
  grassroots_union: '基层工会',
};

export const orgLevels = ['city', 'county', 'town', 'village', 'enterprise'] as const;
export type OrgLevel = (typeof orgLevels)[number];
export const orgLevelLabels: Record<OrgLevel, string> = {
  city: '市级',
  county: '区县级',
  town: '镇街级',
  village: '村社区级',
  enterprise: '企业级',
};

export const jointTypes = ['regional', 'industry'] as const;
export type JointType = (typeof jointTypes)[number];
export const jointTypeLabels: Record<JointType, string> = { regional: '区域性', industry: '行业性' };

/** Why a version of an org unit began. */
export const orgChanges = ['create', 'rename', 'move', 'merge'] as const;
export type OrgChange = (typeof orgChanges)[number];
export const orgChangeLabels: Record<OrgChange, string> = {
  create: '成立',
  rename: '更名',
  move: '调整隶属',
  merge: '合并并入',
};

/** An org unit as it stood at one date. */
export const orgUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(orgKinds),
  level: z.enum(orgLevels),
  jointType: z.enum(jointTypes).nullable(),
  divisionCode: z.string().nullable(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
  /** Span of this version (name, parent and path as shown). */
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Span of the unit itself. */
  createdOn: z.string(),
  closedOn: z.string().nullable(),
  successorId: z.number().int().nullable(),
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const orgVersion = z.object({
  name: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  path: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  change: z.enum(orgChanges),
  note: z.string().nullable(),
});
export type OrgVersion = z.infer<typeof orgVersion>;

export const orgHistory = z.object({
  unit: z.object({
    id: z.number().int(),
    kind: z.enum(orgKinds),
    divisionCode: z.string().nullable(),
    closedOn: z.string().nullable(),
    successor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    predecessors: z.array(
      z.object({ id: z.number().int(), name: z.string(), closedOn: z.string().nullable() }),
    ),
  }),
  versions: z.array(orgVersion),
});
export type OrgHistory = z.infer<typeof orgHistory>;

export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const orgSearchQuery = z.object({
  q: z.string().trim().min(1, '请输入名称或拼音首字母').max(50, '搜索词过长'),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** A search hit carries the names of its ancestors so the user can tell two 新桥村 apart. */
export const orgSearchHit = orgUnit.extend({
  ancestorNames: z.array(z.string()),
  ancestorIds: z.array(z.number().int()),
});
export type OrgSearchHit = z.infer<typeof orgSearchHit>;

const orgName = z
  .string({ error: '请填写名称' })
  .trim()
  .min(2, '名称至少 2 个字')
  .max(60, '名称最多 60 个字');
const divisionCode = z
  .string()
  .trim()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划代码应为 6 位（GB/T 2260）或 9、12 位统计用区划代码');

export const createOrgBody = z
  .object({
    parentId: z.number({ error: '请选择上级组织' }).int().positive(),
    name: orgName,
    kind: z.enum(orgKinds, { error: '请选择组织类型' }),
    level: z.enum(orgLevels, { error: '请选择组织层级' }),
    jointType: z.enum(jointTypes).nullable().default(null),
    divisionCode: divisionCode.nullable().default(null),
    validFrom: isoDate,
  })
  .refine((b) => b.kind !== 'joint_union' || b.jointType !== null, {
    message: '联合工会须注明区域性或行业性',
    path: ['jointType'],
  });
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const renameOrgBody = z.object({ name: orgName, date: isoDate });
export const moveOrgBody = z.object({
  newParentId: z.number({ error: '请选择新的上级组织' }).int().positive(),
  date: isoDate,
});
export const closeOrgBody = z.object({
  date: isoDate,
  successorId: z.number().int().positive().nullable().default(null),
});
export const mergeOrgBody = z.object({
  sourceIds: z
    .array(z.number().int().positive())
    .min(1, '请至少选择一个被合并的组织')
    .max(50, '一次最多合并 50 个组织'),
  /** Merge into an existing unit, or found a new one under a parent. */
  target: z.union([
    z.object({ existingId: z.number().int().positive() }),
    z.object({
      parentId: z.number().int().positive(),
      name: orgName,
      divisionCode: divisionCode.nullable().default(null),
    }),
  ]),
  date: isoDate,
});
export type MergeOrgBody = z.infer<typeof mergeOrgBody>;

export const orgTreeResponse = z.object({ asOf: z.string(), units: z.array(orgUnit) });
