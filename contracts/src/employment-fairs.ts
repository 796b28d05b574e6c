import { z } from 'zod';
import { pageQuery } from './common.ts';
import {
  date,
  fairCategories,
  fen,
  jobCategories,
  optionalText,
  queryId,
  recordId,
  suitabilities,
  tags,
  text,
  unitId,
} from './employment-fields.ts';

// ---------------------------------------------------------------- fairs

export const fairSorts = ['heldOn', 'title'] as const;
export const fairFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  category: z.enum(fairCategories, { error: '专场类型不正确' }).optional(),
  from: date('开始日期').optional(),
  to: date('截止日期').optional(),
  /** Fairs organised by this union or one below it. */
  orgUnitId: queryId.optional(),
  sort: z.enum(fairSorts).default('heldOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type FairFilter = z.infer<typeof fairFilterQuery>;
export const listFairsQuery = pageQuery.extend(fairFilterQuery.shape);
export type ListFairsQuery = z.infer<typeof listFairsQuery>;

export const fairFields = z.object({
  title: text('招聘会名称', 4, 100),
  category: z.enum(fairCategories, { error: '请选择专场类型' }),
  heldOn: date('举办日期'),
  venue: text('举办地点', 2, 100),
  note: optionalText('备注', 500),
});
export const createFairBody = fairFields.extend({ orgUnitId: unitId('主办单位') });
export type CreateFairBody = z.infer<typeof createFairBody>;
export const updateFairBody = fairFields.partial();
export type UpdateFairBody = z.infer<typeof updateFairBody>;

export const fairOutcome = z.object({
  /** Seekers who registered at the fair. */
  seekersReceived: z.number().int(),
  /** Recommendations made to the fair's positions. */
  recommendations: z.number().int(),
  /** People placed in the fair's positions. */
  placed: z.number().int(),
});
export type FairOutcome = z.infer<typeof fairOutcome>;

export const fair = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.enum(fairCategories),
  heldOn: z.string(),
  venue: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  note: z.string().nullable(),
  employerCount: z.number().int(),
  positionCount: z.number().int(),
  openings: z.number().int(),
  updatedAt: z.string(),
});
export type Fair = z.infer<typeof fair>;

export const fairEmployer = z.object({
  id: z.number().int(),
  fairId: z.number().int(),
  /** The employer in the register; null for a firm added by its credit code alone. */
  employerId: z.number().int().nullable(),
  name: z.string(),
  creditCode: z.string(),
  booth: z.string().nullable(),
  contactName: z.string().nullable(),
  positionCount: z.number().int(),
  openings: z.number().int(),
});
export type FairEmployer = z.infer<typeof fairEmployer>;

export const position = z.object({
  id: z.number().int(),
  fairId: z.number().int(),
  fairTitle: z.string(),
  heldOn: z.string(),
  fairEmployerId: z.number().int(),
  employerName: z.string(),
  title: z.string(),
  jobCategory: z.enum(jobCategories),
  openings: z.number().int(),
  payMinFen: z.number().int(),
  payMaxFen: z.number().int(),
  requirements: z.string().nullable(),
  skills: z.array(z.string()),
  suitability: z.array(z.enum(suitabilities)),
});
export type Position = z.infer<typeof position>;

export const fairDetail = fair.extend({
  employers: z.array(fairEmployer),
  positions: z.array(position),
  outcome: fairOutcome,
  /** The caller's unit organises it (or one above the organiser): it may change the fair. */
  canEdit: z.boolean(),
});
export type FairDetail = z.infer<typeof fairDetail>;

export const addFairEmployerBody = z.object({
  /** An employer of the register; or leave it out and give the credit code (and the name of a firm outside it). */
  employerId: recordId('参会单位').optional(),
  creditCode: z
    .string({ error: '统一社会信用代码应为文字' })
    .trim()
    .max(18, '统一社会信用代码为 18 位')
    .optional(),
  name: optionalText('单位名称', 100),
  booth: optionalText('展位号', 20),
  contactName: optionalText('联系人', 40),
});
export type AddFairEmployerBody = z.infer<typeof addFairEmployerBody>;

export const positionFields = z.object({
  title: text('岗位名称', 2, 50),
  jobCategory: z.enum(jobCategories, { error: '请选择岗位类别' }),
  openings: z
    .number({ error: '招聘人数应为数字' })
    .int('招聘人数应为整数')
    .min(1, '招聘人数至少为 1')
    .max(10000, '招聘人数最多 10000'),
  payMinFen: fen('月薪下限'),
  payMaxFen: fen('月薪上限'),
  requirements: optionalText('任职要求', 500),
  skills: tags('技能要求').default([]),
  suitability: z
    .array(z.enum(suitabilities, { error: '适合人群不正确' }), { error: '适合人群应为列表' })
    .max(6)
    .default([]),
});
export const createPositionBody = positionFields.extend({ fairEmployerId: recordId('参会单位') });
export type CreatePositionBody = z.infer<typeof createPositionBody>;
export const updatePositionBody = positionFields.partial();
export type UpdatePositionBody = z.infer<typeof updatePositionBody>;

export const positionSorts = ['heldOn', 'payMaxFen', 'openings', 'title'] as const;
export const positionFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  fairId: queryId.optional(),
  jobCategory: z.enum(jobCategories, { error: '岗位类别不正确' }).optional(),
  suitability: z.enum(suitabilities, { error: '适合人群不正确' }).optional(),
  sort: z.enum(positionSorts).default('heldOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type PositionFilter = z.infer<typeof positionFilterQuery>;
export const listPositionsQuery = pageQuery.extend(positionFilterQuery.shape);
export type ListPositionsQuery = z.infer<typeof listPositionsQuery>;

export const boothFilterQuery = z.object({ fairId: queryId });
export type BoothFilter = z.infer<typeof boothFilterQuery>;
