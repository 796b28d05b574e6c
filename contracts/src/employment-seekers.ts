import { z } from 'zod';
import { pageQuery } from './common.ts';
import {
  date,
  fen,
  jobCategories,
  optionalText,
  placementSources,
  queryId,
  recommendationResults,
  recordId,
  seekerChannels,
  seekerSituations,
  seekerStatuses,
  tags,
  text,
  unitId,
} from './employment-fields.ts';
import { position } from './employment-fairs.ts';
import { memberName } from './members.ts';

// ---------------------------------------------------------------- seekers

export const seekerSorts = ['registeredOn', 'name', 'statusSince'] as const;
export const seekerFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  situation: z.enum(seekerSituations, { error: '人员类别不正确' }).optional(),
  status: z.enum(seekerStatuses, { error: '状态不正确' }).optional(),
  registeredVia: z.enum(seekerChannels, { error: '登记渠道不正确' }).optional(),
  fairId: queryId.optional(),
  orgUnitId: queryId.optional(),
  sort: z.enum(seekerSorts).default('registeredOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type SeekerFilter = z.infer<typeof seekerFilterQuery>;
export const listSeekersQuery = pageQuery.extend(seekerFilterQuery.shape);
export type ListSeekersQuery = z.infer<typeof listSeekersQuery>;

const seekerWishFields = z.object({
  situation: z.enum(seekerSituations, { error: '请选择人员类别' }),
  skills: tags('技能').default([]),
  wishedCategories: z
    .array(z.enum(jobCategories, { error: '求职意向类别不正确' }), { error: '求职意向应为列表' })
    .max(5, '求职意向最多 5 项')
    .default([]),
  wishedPayMinFen: fen('期望月薪').nullable().optional(),
  wishes: optionalText('其他意向', 200),
});

export const createSeekerBody = seekerWishFields.extend({
  name: memberName,
  residentId: z
    .string({ error: '请填写身份证号码' })
    .trim()
    .min(1, '请填写身份证号码')
    .max(30, '身份证号码为 18 位'),
  phone: optionalText('手机号码', 20),
  orgUnitId: unitId('登记单位'),
  registeredVia: z.enum(seekerChannels, { error: '请选择登记渠道' }),
  fairId: recordId('招聘会').nullable().optional(),
  registeredOn: date('登记日期'),
});
export type CreateSeekerBody = z.infer<typeof createSeekerBody>;
export const updateSeekerBody = seekerWishFields.partial();
export type UpdateSeekerBody = z.infer<typeof updateSeekerBody>;

/** The two transitions asked for by hand: withdraw (退出) and return (恢复登记). */
export const seekerStatusBody = z.object({
  status: z.enum(['withdrawn', 'registered'], { error: '只能退出或恢复登记' }),
  reason: text('原因', 2, 200),
});
export type SeekerStatusBody = z.infer<typeof seekerStatusBody>;

export const seeker = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  residentIdMasked: z.string(),
  phoneMasked: z.string().nullable(),
  /** A live member of a union when registered. */
  isMember: z.boolean(),
  situation: z.enum(seekerSituations),
  skills: z.array(z.string()),
  wishedCategories: z.array(z.enum(jobCategories)),
  wishedPayMinFen: z.number().int().nullable(),
  wishes: z.string().nullable(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  registeredVia: z.enum(seekerChannels),
  fairId: z.number().int().nullable(),
  fairTitle: z.string().nullable(),
  registeredOn: z.string(),
  status: z.enum(seekerStatuses),
  statusSince: z.string(),
  updatedAt: z.string(),
});
export type Seeker = z.infer<typeof seeker>;

export const seekerStatusChange = z.object({
  id: z.number().int(),
  fromStatus: z.enum(seekerStatuses).nullable(),
  toStatus: z.enum(seekerStatuses),
  changedOn: z.string(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
});
export type SeekerStatusChange = z.infer<typeof seekerStatusChange>;

export const recommendation = z.object({
  id: z.number().int(),
  seekerId: z.number().int(),
  seekerName: z.string(),
  positionId: z.number().int(),
  positionTitle: z.string(),
  employerName: z.string(),
  fairId: z.number().int(),
  fairTitle: z.string(),
  recommendedOn: z.string(),
  result: z.enum(recommendationResults),
  resultOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type Recommendation = z.infer<typeof recommendation>;

export const placement = z.object({
  id: z.number().int(),
  seekerId: z.number().int(),
  recommendationId: z.number().int(),
  employerName: z.string(),
  positionTitle: z.string(),
  placedOn: z.string(),
  source: z.enum(placementSources),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Three months after the placement: is the person still employed? */
  followUpDue: z.string(),
  followedUpOn: z.string().nullable(),
  stillEmployed: z.boolean().nullable(),
  followUpNote: z.string().nullable(),
});
export type Placement = z.infer<typeof placement>;

export const followUpBody = z.object({
  followedUpOn: date('回访日期'),
  stillEmployed: z.boolean({ error: '请选择是否仍在岗' }),
  /** Why not, when no longer employed; any remark otherwise. */
  note: optionalText('回访情况', 200),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

export const followUpSorts = ['followUpDue', 'placedOn'] as const;
export const followUpFilterQuery = z.object({
  /** Only those whose follow-up date has passed without one. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  orgUnitId: queryId.optional(),
  sort: z.enum(followUpSorts).default('followUpDue'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type FollowUpFilter = z.infer<typeof followUpFilterQuery>;
export const listFollowUpsQuery = pageQuery.extend(followUpFilterQuery.shape);
export type ListFollowUpsQuery = z.infer<typeof listFollowUpsQuery>;

/** A placement waiting for its three-month follow-up. */
export const followUp = z.object({
  placementId: z.number().int(),
  seekerId: z.number().int(),
  seekerName: z.string(),
  orgUnitName: z.string(),
  employerName: z.string(),
  positionTitle: z.string(),
  placedOn: z.string(),
  followUpDue: z.string(),
  daysOverdue: z.number().int(),
});
export type FollowUp = z.infer<typeof followUp>;

export const seekerDetail = seeker.extend({
  history: z.array(seekerStatusChange),
  recommendations: z.array(recommendation),
  placements: z.array(placement),
});
export type SeekerDetail = z.infer<typeof seekerDetail>;

export const recommendBody = z.object({
  positionId: recordId('岗位'),
  recommendedOn: date('推荐日期'),
  note: optionalText('推荐说明', 200),
});
export type RecommendBody = z.infer<typeof recommendBody>;

export const recommendationResultBody = z.object({
  recommendationId: recordId('推荐记录'),
  result: z.enum(recommendationResults, { error: '请选择推荐结果' }),
  resultOn: date('反馈日期'),
  note: optionalText('说明', 200),
});
export type RecommendationResultBody = z.infer<typeof recommendationResultBody>;

export const placeBody = z.object({
  recommendationId: recordId('推荐记录'),
  placedOn: date('就业日期'),
  source: z.enum(placementSources, { error: '请选择就业来源' }),
});
export type PlaceBody = z.infer<typeof placeBody>;

export const endPlacementBody = z.object({
  endedOn: date('离职日期'),
  reason: text('离职原因', 2, 200),
});
export type EndPlacementBody = z.infer<typeof endPlacementBody>;

// ---------------------------------------------------------------- matching

export const matchQuery = z.object({
  limit: z.coerce.number().int().min(1, '条数至少为 1').max(50, '最多 50 条').default(20),
});

export const positionMatch = z.object({ position, score: z.number().int(), reasons: z.array(z.string()) });
export type PositionMatch = z.infer<typeof positionMatch>;
export const seekerMatch = z.object({ seeker, score: z.number().int(), reasons: z.array(z.string()) });
export type SeekerMatch = z.infer<typeof seekerMatch>;

/**
 * A case of the one-stop assistance centre held for the same person (by their resident ID), as far as the
 * caller may see it; a job-referral case (职业介绍和培训) can be linked to the seeker's record.
 */
export const seekerCase = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  subject: z.string(),
  receivedOn: z.string(),
  handlingUnitName: z.string(),
  /** Whether it may be linked: a job-referral case. */
  linkable: z.boolean(),
  linked: z.boolean(),
});
export type SeekerCase = z.infer<typeof seekerCase>;
export const seekerCases = z.object({ items: z.array(seekerCase) });
export type SeekerCases = z.infer<typeof seekerCases>;
export const linkSeekerCaseBody = z.object({ caseId: recordId('案件'), note: optionalText('说明', 500) });
export type LinkSeekerCaseBody = z.infer<typeof linkSeekerCaseBody>;
