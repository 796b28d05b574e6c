import { z } from 'zod';

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

export const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字`);
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const date = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD，例如 2011-09-30` });
export const recordId = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int(`${label}编号应为整数`)
    .positive(`请选择${label}`)
    .max(2147483647);
/** A unit is chosen like any record: the same messages. */
export const unitId = recordId;
export const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}最多两位小数（以分计）`)
    .min(0, `${label}不能为负`)
    .max(PAY_FEN_MAX, `${label}过大`);
export const tags = (label: string) =>
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
export const queryId = z.coerce
  .number({ error: '编号应为数字' })
  .int('编号应为整数')
  .positive('编号应为正整数')
  .max(2147483647);
