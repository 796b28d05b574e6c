import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import {
  fairCategoryLabels,
  jobCategoryLabels,
  placementSourceLabels,
  queryId,
  recommendationResultLabels,
  seekerChannelLabels,
  seekerSituationLabels,
  seekerStatusLabels,
  suitabilityLabels,
} from './employment-fields.ts';
import {
  certificateLevelLabels,
  enrolmentStatusLabels,
  programmeLabels,
  programmes,
} from './employment-courses.ts';
import { genderLabels } from './members.ts';

export * from './employment-fields.ts';
export * from './employment-fairs.ts';
export * from './employment-seekers.ts';
export * from './employment-courses.ts';

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
