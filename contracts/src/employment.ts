import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { pageQuery } from './common.ts';
import { genderLabels, memberName } from './members.ts';

/** A fair's dedicated kind (专场); `general` is an ordinary fair open to everyone. */
export const fairCategories = ['general', 'disabled', 'women', 'domestic', 'migrant', 'technician'] as const;
export type FairCategory = (typeof fairCategories)[number];
export const fairCategoryLabels: Record<FairCategory, string> = {
  general: '综合招聘会',
  disabled: '残疾人专场',
  women: '女性专场',
  domestic: '家政服务专场',
  migrant: '外来务工人员专场',
  technician: '技术工人专场',
};

/** The trade a position is in, and the trades a seeker wishes to work in. */
export const jobCategories = [
  'domestic',
  'manufacturing',
  'catering',
  'retail',
  'logistics',
  'construction',
  'care',
  'cleaning',
  'office',
  'technician',
  'it',
  'other',
] as const;
export type JobCategory = (typeof jobCategories)[number];
export const jobCategoryLabels: Record<JobCategory, string> = {
  domestic: '家政服务',
  manufacturing: '生产制造',
  catering: '餐饮住宿',
  retail: '商贸零售',
  logistics: '物流运输',
  construction: '建筑装修',
  care: '医疗护理',
  cleaning: '保洁保安',
  office: '行政文员',
  technician: '技术技工',
  it: '信息技术',
  other: '其他',
};

/** The groups a position is suited to (适合人群). */
export const suitabilities = ['disabled', 'women', 'migrant', 'laid_off', 'graduate', 'older'] as const;
export type Suitability = (typeof suitabilities)[number];
export const suitabilityLabels: Record<Suitability, string> = {
  disabled: '残疾人',
  women: '女性',
  migrant: '外来务工人员',
  laid_off: '下岗失业人员',
  graduate: '高校毕业生',
  older: '大龄人员',
};

/** A seeker's situation when registering (就业困难类别). */
export const seekerSituations = [
  'laid_off',
  'unemployed',
  'migrant',
  'disabled',
  'graduate',
  'other',
] as const;
export type SeekerSituation = (typeof seekerSituations)[number];
export const seekerSituationLabels: Record<SeekerSituation, string> = {
  laid_off: '下岗职工',
  unemployed: '失业人员',
  migrant: '外来务工人员（农民工）',
  disabled: '残疾人',
  graduate: '高校毕业生',
  other: '其他',
};

/** Where a seeker registered: at a fair, or at the union's human-resources service office. */
export const seekerChannels = ['fair', 'office'] as const;
export type SeekerChannel = (typeof seekerChannels)[number];
export const seekerChannelLabels: Record<SeekerChannel, string> = {
  fair: '招聘会现场登记',
  office: '人力资源服务站登记',
};

export const seekerStatuses = ['registered', 'recommended', 'placed', 'left', 'withdrawn'] as const;
export type SeekerStatus = (typeof seekerStatuses)[number];
export const seekerStatusLabels: Record<SeekerStatus, string> = {
  registered: '待推荐',
  recommended: '已推荐',
  placed: '已就业',
  left: '已离职',
  withdrawn: '已退出',
};

/**
 * The seeker's state machine: which status may follow which. Recommending, placing and ending a
 * placement move the status themselves; withdrawing and returning are asked for on the seeker's page.
 */
export const seekerTransitions: Record<SeekerStatus, readonly SeekerStatus[]> = {
  registered: ['recommended', 'withdrawn'],
  recommended: ['recommended', 'placed', 'withdrawn'],
  placed: ['left'],
  left: ['recommended', 'withdrawn'],
  withdrawn: ['registered'],
};

/** Why a transition is refused, in the words the cadre reads. */
export function refusedTransitionMessage(from: SeekerStatus, to: SeekerStatus): string {
  if (from === to && to !== 'recommended') return `该求职人员已是「${seekerStatusLabels[to]}」状态`;
  if (from === 'placed' && to === 'recommended')
    return '该求职人员已就业且仍在岗，须先登记离职（结束就业登记）后才能再推荐';
  if (from === 'placed') return '该求职人员已就业且仍在岗，须先登记离职（结束就业登记）';
  if (to === 'placed') return '没有推荐记录不能登记就业：请先为其推荐岗位并记录录用结果';
  if (from === 'withdrawn') return '该求职人员已退出，须先恢复登记';
  return `「${seekerStatusLabels[from]}」的求职人员不能改为「${seekerStatusLabels[to]}」`;
}

export const recommendationResults = ['pending', 'interview', 'hired', 'rejected', 'declined'] as const;
export type RecommendationResult = (typeof recommendationResults)[number];
export const recommendationResultLabels: Record<RecommendationResult, string> = {
  pending: '待反馈',
  interview: '已面试',
  hired: '已录用',
  rejected: '未录用',
  declined: '本人放弃',
};

export const placementSources = ['fair', 'course', 'office'] as const;
export type PlacementSource = (typeof placementSources)[number];
export const placementSourceLabels: Record<PlacementSource, string> = {
  fair: '招聘会',
  course: '培训班推荐',
  office: '人力资源服务站',
};

/** 100,000 yuan a month, in fen: enough for any position posted at a fair. */
export const PAY_FEN_MAX = 10_000_000;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const date = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD，例如 2011-09-30` });
const unitId = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int(`${label}编号应为整数`)
    .positive(`请选择${label}`)
    .max(2147483647);
const recordId = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int(`${label}编号应为整数`)
    .positive(`请选择${label}`)
    .max(2147483647);
const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}最多两位小数（以分计）`)
    .min(0, `${label}不能为负`)
    .max(PAY_FEN_MAX, `${label}过大`);
const tags = (label: string) =>
  z
    .array(
      z
        .string({ error: `${label}应为文字` })
        .trim()
        .min(1, `${label}不能为空`)
        .max(20, `${label}每项最多 20 个字`),
      {
        error: `${label}应为列表`,
      },
    )
    .max(10, `${label}最多 10 项`)
    .transform((v) => [...new Set(v)]);
const queryId = z.coerce
  .number({ error: '编号应为数字' })
  .int('编号应为整数')
  .positive('编号应为正整数')
  .max(2147483647);

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

// ---------------------------------------------------------------- courses and certificates

export const programmes = ['domestic', 'skills', 'startup'] as const;
export type Programme = (typeof programmes)[number];
export const programmeLabels: Record<Programme, string> = {
  domestic: '家政服务培训',
  skills: '职业技能培训',
  startup: '创业指导培训',
};

export const enrolmentStatuses = ['enrolled', 'waiting', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  enrolled: '已报名',
  waiting: '候补',
  withdrawn: '已退出',
};

export const certificateLevels = ['completion', 'junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof certificateLevels)[number];
export const certificateLevelLabels: Record<CertificateLevel, string> = {
  completion: '结业',
  junior: '初级',
  intermediate: '中级',
  senior: '高级',
};

export const courseSorts = ['startsOn', 'title'] as const;
export const courseFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  programme: z.enum(programmes, { error: '培训项目不正确' }).optional(),
  orgUnitId: queryId.optional(),
  sort: z.enum(courseSorts).default('startsOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CourseFilter = z.infer<typeof courseFilterQuery>;
export const listCoursesQuery = pageQuery.extend(courseFilterQuery.shape);
export type ListCoursesQuery = z.infer<typeof listCoursesQuery>;

export const createCourseBody = z.object({
  title: text('培训班名称', 4, 100),
  programme: z.enum(programmes, { error: '请选择培训项目' }),
  free: z.boolean({ error: '请选择是否免费' }),
  feeFen: fen('培训费').nullable().optional(),
  startsOn: date('开班日期'),
  endsOn: date('结业日期'),
  sessions: z
    .number({ error: '课时数应为数字' })
    .int('课时数应为整数')
    .min(1, '课时数至少为 1')
    .max(200, '课时数最多 200'),
  capacity: z
    .number({ error: '名额应为数字' })
    .int('名额应为整数')
    .min(1, '名额至少为 1')
    .max(1000, '名额最多 1000'),
  attendanceThresholdPct: z
    .number({ error: '发证出勤率应为数字' })
    .int('发证出勤率应为整数')
    .min(1, '发证出勤率至少为 1%')
    .max(100, '发证出勤率最多为 100%')
    .default(80),
  venue: text('培训地点', 2, 100),
  orgUnitId: unitId('举办单位'),
});
export type CreateCourseBody = z.infer<typeof createCourseBody>;

export const course = z.object({
  id: z.number().int(),
  title: z.string(),
  programme: z.enum(programmes),
  free: z.boolean(),
  feeFen: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  sessions: z.number().int(),
  capacity: z.number().int(),
  attendanceThresholdPct: z.number().int(),
  venue: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  enrolled: z.number().int(),
  waiting: z.number().int(),
  certified: z.number().int(),
});
export type Course = z.infer<typeof course>;

export const enrolment = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  seekerId: z.number().int(),
  seekerName: z.string(),
  status: z.enum(enrolmentStatuses),
  /** The place on the waiting list, 1 first; null unless waiting. */
  waitingRank: z.number().int().nullable(),
  attended: z.number().int(),
  certificateCode: z.string().nullable(),
});
export type Enrolment = z.infer<typeof enrolment>;

export const courseDetail = course.extend({
  enrolments: z.array(enrolment),
  /** Sessions already marked, by session number. */
  sessionsMarked: z.array(z.number().int()),
  canEdit: z.boolean(),
});
export type CourseDetail = z.infer<typeof courseDetail>;

export const enrolBody = z.object({ seekerId: recordId('求职人员') });
export type EnrolBody = z.infer<typeof enrolBody>;
export const enrolmentRef = z.object({ enrolmentId: recordId('报名记录') });
export type EnrolmentRef = z.infer<typeof enrolmentRef>;
export const enrolResult = z.object({ enrolment, course: courseDetail });
export type EnrolResult = z.infer<typeof enrolResult>;

export const attendanceBody = z.object({
  session: z
    .number({ error: '课次应为数字' })
    .int('课次应为整数')
    .min(1, '课次至少为 1')
    .max(200, '课次最多 200'),
  presentEnrolmentIds: z.array(recordId('报名记录')).max(1000, '一次最多 1000 人'),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

export const issueCertificateBody = z.object({
  enrolmentId: recordId('报名记录'),
  level: z.enum(certificateLevels, { error: '请选择证书等级' }),
  issuedOn: date('发证日期'),
});
export type IssueCertificateBody = z.infer<typeof issueCertificateBody>;
export const revokeCertificateBody = z.object({
  enrolmentId: recordId('报名记录'),
  reason: text('撤销原因', 2, 200),
});
export type RevokeCertificateBody = z.infer<typeof revokeCertificateBody>;

/** A certificate as its holder's union sees it, with the verification link and its QR code (a PNG data URL). */
export const certificate = z.object({
  code: z.string(),
  verifyUrl: z.string(),
  qrDataUrl: z.string(),
});
export type Certificate = z.infer<typeof certificate>;

export const certificateCodeParam = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z2-9]{12}$/, '验证码为 12 位字母和数字'),
});

/** Everything the public verification shows: every field of the certificate, the holder's ID masked. */
export const publicCertificate = z.object({
  code: z.string(),
  holderName: z.string(),
  holderResidentIdMasked: z.string(),
  courseTitle: z.string(),
  programme: z.enum(programmes),
  organiser: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  attended: z.number().int(),
  sessions: z.number().int(),
  level: z.enum(certificateLevels),
  issuedOn: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type PublicCertificate = z.infer<typeof publicCertificate>;

export const employmentSettings = z.object({
  /** The address the public reaches Gonghui at, e.g. https://gonghui.example.cn: the QR codes link there. */
  publicBaseUrl: z
    .string({ error: '请填写对外访问地址' })
    .trim()
    .max(200, '对外访问地址最多 200 个字')
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      '对外访问地址应以 http:// 或 https:// 开头，例如 https://gonghui.example.cn',
    ),
});
export type EmploymentSettings = z.infer<typeof employmentSettings>;

// ---------------------------------------------------------------- figures

export const employmentFiguresQuery = z.object({
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int('年份应为整数')
    .min(2000, '年份不能早于 2000')
    .max(2100, '年份不能晚于 2100')
    .optional(),
  orgUnitId: queryId.optional(),
});

const figureSet = z.object({
  /** People enrolled (seated, not waiting) in courses that began in the year. */
  trained: z.number().int(),
  /** Of them, those placed in work at any time. */
  trainedPlaced: z.number().int(),
  /** Certificates issued in the year and not revoked. */
  certified: z.number().int(),
  /** Placements that began in the year. */
  placed: z.number().int(),
  /** Of them, laid-off workers (下岗职工、失业人员). */
  laidOffPlaced: z.number().int(),
  /** Of the year's placements followed up, those still employed. */
  followedUp: z.number().int(),
  stillEmployed: z.number().int(),
});
export type FigureSet = z.infer<typeof figureSet>;

export const employmentFigures = z.object({
  year: z.number().int(),
  orgUnitName: z.string(),
  total: figureSet,
  byProgramme: z.array(
    figureSet
      .pick({ trained: true, trainedPlaced: true, certified: true })
      .extend({ programme: z.enum(programmes) }),
  ),
  /** The units directly below, each with its subtree's figures. */
  byUnit: z.array(figureSet.extend({ orgUnitId: z.number().int(), orgUnitName: z.string() })),
  /** The year told the way a bulletin tells it, from the figures above. */
  sentences: z.array(z.string()),
});
export type EmploymentFigures = z.infer<typeof employmentFigures>;

/** 252000 → "2520.00". */
export function formatPayYuan(fen: number | null): string {
  return fen === null ? '' : (fen / 100).toFixed(2);
}

const employmentAuditLabels = {
  actions: {
    'fair.create': '登记招聘会',
    'fair.update': '修改招聘会',
    'fair.add_employer': '招聘会增加参会单位',
    'fair.export': '导出招聘会',
    'fair.export_download': '下载导出的招聘会',
    'fair.booth_export': '导出展位表',
    'fair.booth_export_download': '下载导出的展位表',
    'position.create': '发布招聘岗位',
    'position.update': '修改招聘岗位',
    'position.export': '导出招聘岗位',
    'position.export_download': '下载导出的招聘岗位',
    'seeker.register': '登记求职人员',
    'seeker.update': '修改求职人员',
    'seeker.status': '变更求职人员状态',
    'seeker.recommend': '推荐岗位',
    'seeker.recommendation_result': '登记推荐结果',
    'seeker.place': '登记就业',
    'seeker.end_placement': '登记离职',
    'seeker.export': '导出求职人员',
    'seeker.export_download': '下载导出的求职人员',
    'seeker.follow_up': '就业回访',
    'follow_up.export': '导出待回访名单',
    'follow_up.export_download': '下载导出的待回访名单',
    'course.create': '登记培训班',
    'course.enrol': '培训班报名',
    'course.withdraw': '培训班退出报名',
    'course.attendance': '登记培训出勤',
    'course.certify': '颁发培训证书',
    'course.revoke_certificate': '撤销培训证书',
    'course.export': '导出培训班',
    'course.export_download': '下载导出的培训班',
    'employment.settings': '修改就业援助设置',
  },
  entityTypes: {
    job_fair: '招聘会',
    job_position: '招聘岗位',
    job_seeker: '求职人员',
    job_course: '培训班',
    employment_setting: '就业援助设置',
  },
  fields: {
    title: '名称',
    category: '专场类型',
    jobCategory: '岗位类别',
    heldOn: '举办日期',
    venue: '举办地点',
    orgUnitName: '单位',
    employerCount: '参会单位数',
    positionCount: '岗位数',
    openings: '招聘人数',
    fairEmployer: '参会单位',
    fairId: '招聘会编号',
    fairTitle: '招聘会',
    fairEmployerId: '参会单位编号',
    employerId: '单位编号',
    employerName: '用人单位',
    creditCode: '统一社会信用代码',
    booth: '展位号',
    contactName: '联系人',
    payMinFen: '月薪下限（分）',
    payMaxFen: '月薪上限（分）',
    requirements: '任职要求',
    skills: '技能',
    suitability: '适合人群',
    gender: '性别',
    birthDate: '出生日期',
    residentIdMasked: '身份证号码（脱敏）',
    phoneMasked: '手机号码（脱敏）',
    isMember: '工会会员',
    situation: '人员类别',
    wishedCategories: '求职意向',
    wishedPayMinFen: '期望月薪（分）',
    wishes: '其他意向',
    registeredVia: '登记渠道',
    registeredOn: '登记日期',
    statusSince: '状态日期',
    reason: '原因',
    recommendation: '推荐记录',
    recommendationId: '推荐记录编号',
    positionId: '岗位编号',
    positionTitle: '岗位',
    seekerId: '求职人员编号',
    seekerName: '求职人员',
    recommendedOn: '推荐日期',
    result: '结果',
    resultOn: '反馈日期',
    placement: '就业登记',
    placedOn: '就业日期',
    source: '来源',
    endedOn: '离职日期',
    endReason: '离职原因',
    programme: '培训项目',
    free: '免费',
    feeFen: '培训费（分）',
    startsOn: '开班日期',
    endsOn: '结业日期',
    sessions: '课时数',
    capacity: '名额',
    attendanceThresholdPct: '发证出勤率（%）',
    enrolled: '已报名人数',
    waiting: '候补人数',
    certified: '发证人数',
    enrolment: '报名记录',
    enrolmentId: '报名记录编号',
    courseId: '培训班编号',
    waitingRank: '候补顺位',
    attended: '出勤课次',
    certificateCode: '证书验证码',
    session: '课次',
    present: '出勤人员',
    absent: '缺勤人员',
    level: '证书等级',
    issuedOn: '发证日期',
    code: '验证码',
    promoted: '候补转正',
    publicBaseUrl: '对外访问地址',
    followUpDue: '应回访日期',
    placementId: '就业登记编号',
    followedUpOn: '回访日期',
    stillEmployed: '仍在岗',
    followUpNote: '回访情况',
    followUp: '回访',
    overdue: '已逾期',
    year: '年份',
  },
  values: {
    category: fairCategoryLabels,
    jobCategory: jobCategoryLabels,
    suitability: suitabilityLabels,
    situation: seekerSituationLabels,
    wishedCategories: jobCategoryLabels,
    registeredVia: seekerChannelLabels,
    status: { ...seekerStatusLabels, ...enrolmentStatusLabels },
    result: recommendationResultLabels,
    source: placementSourceLabels,
    gender: genderLabels,
    programme: programmeLabels,
    level: certificateLevelLabels,
  },
} as const satisfies AuditLabels;

/** What the employment module adds to the contracts both sides read: its permissions and its audit labels. */
export const employmentContract = {
  permissions: ['employment:read', 'employment:write'],
  auditLabels: employmentAuditLabels,
} as const satisfies ModuleContract;
