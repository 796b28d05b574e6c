import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { pageQuery } from './common.ts';
import { date, id, optionalText, queryId, requiredText } from './assistance-fields.ts';
import { caseTypeLabels, caseTypes } from './assistance-types.ts';
import { dayKindLabels, handlerAssignment } from './assistance-handling.ts';
import { assistanceGiven } from './assistance-hardship.ts';
import {
  legalAidDetail,
  legalAidOutcomeLabels,
  mediationDetail,
  partySideLabels,
  signerLabels,
} from './assistance-specifics.ts';

export * from './assistance-hardship.ts';
export * from './assistance-types.ts';
export * from './assistance-handling.ts';
export * from './assistance-specifics.ts';
export * from './assistance-dashboard.ts';
export * from './assistance-insurance.ts';

export const caseStatuses = [
  'received',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatusLabels: Record<CaseStatus, string> = {
  received: '已登记',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已关闭',
  rejected: '不予受理',
};
export const finalCaseStatuses: readonly CaseStatus[] = ['resolved', 'closed', 'rejected'];
/** Which status may follow which; any other change is refused. */
export const caseTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['accepted', 'rejected', 'closed'],
  accepted: ['in_progress', 'resolved', 'closed'],
  in_progress: ['resolved', 'closed'],
  resolved: [],
  closed: [],
  rejected: [],
};

export const handlerKinds = ['staff', 'lawyer', 'mediator', 'volunteer'] as const;
export type HandlerKind = (typeof handlerKinds)[number];
export const handlerKindLabels: Record<HandlerKind, string> = {
  staff: '工会工作人员',
  lawyer: '律师',
  mediator: '调解员',
  volunteer: '志愿者',
};

/** Which limit a case's clock is running against. */
export const deadlineKinds = ['accept', 'handle', 'arbitration'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];
export const deadlineKindLabels: Record<DeadlineKind, string> = {
  accept: '受理期限',
  handle: '办理期限',
  arbitration: '调解期满（未达成协议应告知申请仲裁）',
};

export const caseEventKinds = [
  'intake',
  'status',
  'assign',
  'escalate',
  'refer',
  'pause',
  'resume',
  'extend',
  'note',
  'attachment',
  'legal_aid',
  'mediation',
] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];
export const caseEventKindLabels: Record<CaseEventKind, string> = {
  intake: '登记',
  status: '状态变更',
  assign: '指派经办人',
  escalate: '上报上级',
  refer: '转交下级',
  pause: '等待职工补充',
  resume: '恢复计时',
  extend: '延长办理期限',
  note: '备注',
  attachment: '上传附件',
  legal_aid: '法律援助',
  mediation: '调解',
};

export const caseClockFilters = ['overdue', 'dueSoon', 'paused'] as const;
export type CaseClockFilter = (typeof caseClockFilters)[number];
export const caseSorts = ['receivedOn', 'dueOn', 'number'] as const;
export type CaseSort = (typeof caseSorts)[number];

export const caseFilterQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多 50 个字').optional(),
  type: z.enum(caseTypes, { error: '案件类型不正确' }).optional(),
  status: z.enum(caseStatuses, { error: '案件状态不正确' }).optional(),
  open: z
    .enum(['true', 'false'], { error: '是否在办应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  clock: z.enum(caseClockFilters, { error: '期限筛选应为已超期、即将到期或暂停计时' }).optional(),
  handlerId: queryId('经办人编号').optional(),
  /** Cases now handled by this unit or any unit below it. */
  orgUnitId: queryId('办理单位编号').optional(),
  receivedFrom: date('登记日期起').optional(),
  receivedTo: date('登记日期止').optional(),
  sort: z.enum(caseSorts, { error: '排序字段不正确' }).default('receivedOn'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为 asc 或 desc' }).default('desc'),
});
export type CaseFilter = z.infer<typeof caseFilterQuery>;
export const listCasesQuery = pageQuery.extend(caseFilterQuery.shape);
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

const newWorker = z.object({
  name: requiredText('职工姓名', 2, 30),
  residentId: z.string({ error: '请填写职工身份证号' }).trim().min(1, '请填写职工身份证号'),
  phone: z
    .string({ error: '联系电话应为文字' })
    .trim()
    .regex(/^1\d{10}$/, '联系电话应为 11 位手机号')
    .nullable()
    .optional(),
});

export const intakeCaseBody = z
  .object({
    type: z.enum(caseTypes, { error: '请选择案件类型' }),
    /** The worker is a member in the caller's registry … */
    memberId: id('会员编号').nullable().optional(),
    /** … or a person entered here. */
    worker: newWorker.nullable().optional(),
    employerId: id('单位编号').nullable().optional(),
    subject: requiredText('事由', 4, 60),
    narrative: requiredText('情况描述', 10, 5000),
    handlerId: id('经办人编号').nullable().optional(),
  })
  .refine((b) => (b.memberId ? 1 : 0) + (b.worker ? 1 : 0) === 1, {
    message: '请选择会员或填写职工信息（二者选其一）',
    path: ['worker'],
  });
export type IntakeCaseBody = z.infer<typeof intakeCaseBody>;

export const caseStatusBody = z.object({
  status: z.enum(caseStatuses, { error: '请选择新的状态' }),
  outcome: optionalText('办理结果', 1000),
  note: optionalText('说明', 500),
});
export type CaseStatusBody = z.infer<typeof caseStatusBody>;

export const assignCaseBody = z.object({
  handlerId: id('经办人编号'),
  note: optionalText('说明', 500),
});
export type AssignCaseBody = z.infer<typeof assignCaseBody>;

export const escalateCaseBody = z.object({ reason: requiredText('上报原因', 2, 500) });
export type EscalateCaseBody = z.infer<typeof escalateCaseBody>;

export const referCaseBody = z.object({
  orgUnitId: id('转交单位编号'),
  reason: requiredText('转交原因', 2, 500),
});
export type ReferCaseBody = z.infer<typeof referCaseBody>;

export const caseNoteBody = z.object({ note: requiredText('说明', 2, 500) });
export type CaseNoteBody = z.infer<typeof caseNoteBody>;

export const extendCaseBody = z.object({
  days: z
    .number({ error: '延长天数应为数字' })
    .int('延长天数应为整数')
    .min(1, '延长天数至少 1 天')
    .max(365, '延长天数最多 365 天'),
  reason: requiredText('延长理由', 2, 500),
  approvedBy: requiredText('批准人', 2, 30),
  noticeOn: date('告知信访人日期'),
});
export type ExtendCaseBody = z.infer<typeof extendCaseBody>;

/** Living assistance above this amount needs the upper level's approval where a district set no threshold. */
export const DEFAULT_AID_APPROVAL_FEN = 300_000;

export const aidAmountBody = z.object({
  amountFen: z
    .number({ error: '救助金额应为数字' })
    .int('救助金额最多两位小数（以分计）')
    .min(1, '救助金额应大于 0')
    .max(100_000_000, '救助金额过大'),
});
export type AidAmountBody = z.infer<typeof aidAmountBody>;

export const aidThresholdBody = z.object({
  orgUnitId: id('区（县级市）编号'),
  thresholdFen: z
    .number({ error: '审批限额应为数字' })
    .int('审批限额最多两位小数（以分计）')
    .min(1, '审批限额应大于 0')
    .max(100_000_000, '审批限额过大'),
});
export type AidThresholdBody = z.infer<typeof aidThresholdBody>;
export const aidThreshold = aidThresholdBody.extend({ orgUnitName: z.string() });

export const revealCaseBody = z.object({ reason: requiredText('查看原因', 2, 200) });
export type RevealCaseBody = z.infer<typeof revealCaseBody>;

export const caseAttachmentParams = z.object({
  id: queryId('案件编号'),
  attachmentId: queryId('附件编号'),
});

export const attachmentQuery = z.object({
  fileName: z.string({ error: '请给出文件名' }).trim().min(1, '请给出文件名').max(200, '文件名最多 200 个字'),
});

export const assistanceCase = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(caseTypes),
  status: z.enum(caseStatuses),
  subject: z.string(),
  workerId: z.number().int(),
  workerName: z.string(),
  workerResidentIdMasked: z.string(),
  workerIsMember: z.boolean(),
  employerId: z.number().int().nullable(),
  employerName: z.string().nullable(),
  intakeUnitId: z.number().int(),
  intakeUnitName: z.string(),
  handlingUnitId: z.number().int(),
  handlingUnitName: z.string(),
  handlerId: z.number().int().nullable(),
  handlerName: z.string().nullable(),
  receivedOn: z.string(),
  acceptedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  deadlineKind: z.enum(deadlineKinds).nullable(),
  dueOn: z.string().nullable(),
  warnOn: z.string().nullable(),
  dueProvisional: z.boolean(),
  paused: z.boolean(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  extendedDays: z.number().int().nullable(),
  /** Living assistance: the amount in fen, and its approval by the upper level when above the threshold. */
  aidAmountFen: z.number().int().nullable(),
  aidApprovedOn: z.string().nullable(),
  aidApprovedByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type AssistanceCase = z.infer<typeof assistanceCase>;

export const caseEvent = z.object({
  id: z.number().int(),
  kind: z.enum(caseEventKinds),
  at: z.string(),
  actorName: z.string(),
  unitName: z.string(),
  note: z.string().nullable(),
});
export type CaseEvent = z.infer<typeof caseEvent>;

export const caseAssignment = z.object({
  handlerId: z.number().int(),
  handlerName: z.string(),
  from: z.string(),
  to: z.string().nullable(),
});
export type CaseAssignment = z.infer<typeof caseAssignment>;

export const caseDetail = assistanceCase.extend({
  events: z.array(caseEvent),
  assignments: z.array(caseAssignment),
  chain: z.array(z.object({ orgUnitId: z.number().int(), name: z.string() })),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  /** Whether the caller's unit is the handling unit or above it, and so may act on the case. */
  canAct: z.boolean(),
  /** The transitions the case may take now. */
  nextStatuses: z.array(z.enum(caseStatuses)),
  /** The unit an escalation would go to; null at the top of the network or when the caller may not act. */
  escalatesTo: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Legal aid: the assigned lawyer and the outcome; null for other types or before a lawyer is named. */
  legalAid: legalAidDetail.nullable(),
  /** Mediation: its parties, sessions and agreement; null for other types. */
  mediation: mediationDetail.nullable(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const revealedCase = z.object({
  residentId: z.string(),
  phone: z.string().nullable(),
  narrative: z.string(),
});
export type RevealedCase = z.infer<typeof revealedCase>;

export const handlerFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  kind: z.enum(handlerKinds, { error: '经办人类别不正确' }).optional(),
});
export const listHandlersQuery = pageQuery.extend(handlerFilterQuery.shape);
export type ListHandlersQuery = z.infer<typeof listHandlersQuery>;

export const createHandlerBody = z.object({
  name: requiredText('姓名', 2, 30),
  kind: z.enum(handlerKinds, { error: '请选择经办人类别' }),
  orgUnitId: id('所属单位编号'),
  /** A staff member with an account is linked to it. */
  userId: id('账号编号').nullable().optional(),
  organisation: optionalText('所在机构', 60),
});
export type CreateHandlerBody = z.infer<typeof createHandlerBody>;

export const caseHandler = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(handlerKinds),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  userId: z.number().int().nullable(),
  organisation: z.string().nullable(),
  openCases: z.number().int(),
});
export type CaseHandler = z.infer<typeof caseHandler>;
/** A handler's register entry with every case given to them that the caller sees, newest first. */
export const handlerDetail = caseHandler.extend({ assignments: z.array(handlerAssignment) });
export type HandlerDetail = z.infer<typeof handlerDetail>;

export const reassignBody = z.object({
  toHandlerId: id('接手经办人编号'),
  /** Only these cases; none given: every open case of the handler the caller may act on. */
  caseIds: z.array(id('案件编号')).max(1000, '一次最多 1000 件').optional(),
  reason: requiredText('改派原因', 2, 500),
});
export type ReassignBody = z.infer<typeof reassignBody>;
export const reassignResult = z.object({ moved: z.number().int(), caseIds: z.array(z.number().int()) });
export type ReassignResult = z.infer<typeof reassignResult>;

export const workerTimelineQuery = z.object({
  type: z.enum(caseTypes, { error: '案件类型不正确' }).optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
});
export type WorkerTimelineQuery = z.infer<typeof workerTimelineQuery>;
export const workerTimeline = z.object({
  workerId: z.number().int(),
  workerName: z.string(),
  cases: z.array(assistanceCase),
  /** Help recorded against these cases (money, goods, services), newest first. */
  assistance: z.array(assistanceGiven),
});
export type WorkerTimeline = z.infer<typeof workerTimeline>;

const assistanceAuditLabels = {
  actions: {
    'assistance_case.intake': '登记求助案件',
    'assistance_case.status': '变更案件状态',
    'assistance_case.assign': '指派案件经办人',
    'assistance_case.escalate': '案件上报上级',
    'assistance_case.refer': '案件转交下级',
    'assistance_case.pause': '案件暂停计时',
    'assistance_case.resume': '案件恢复计时',
    'assistance_case.extend': '延长案件办理期限',
    'assistance_case.note': '案件添加备注',
    'assistance_case.attach': '案件上传附件',
    'assistance_case.reassign': '批量改派案件',
    'assistance_case.aid_amount': '登记救助金额',
    'assistance_case.aid_approve': '上级审批救助金额',
    'assistance_case.legal_aid': '登记法律援助律师与结果',
    'assistance_case.mediation_party': '登记调解当事人',
    'assistance_case.mediation_session': '记录调解会议',
    'assistance_case.mediation_agreement': '拟定调解协议',
    'assistance_case.mediation_sign': '调解协议签字',
    'aid_threshold.set': '设置救助金额审批限额',
    'assistance_case.export': '导出求助案件',
    'assistance_case.export_download': '下载导出的求助案件',
    'case_handler.create': '登记经办人',
    'clock_rule.update': '修改办理时限',
    'hardship_archive.create': '建立困难职工档案',
    'hardship_archive.update': '修改困难职工档案',
    'hardship_archive.update_member': '修改困难职工家庭成员',
    'hardship_archive.status': '变更困难职工档案状态',
    'hardship_archive.export': '导出困难职工档案',
    'hardship_archive.export_download': '下载导出的困难职工档案',
    'living_line.set': '设置最低生活保障标准',
    'hardship_archive.give': '记录帮扶',
    'insurance_plan.create': '设立互助保障计划',
    'insurance_plan.enrol': '互助保障参保',
    'insurance_claim.submit': '申请互助保障理赔',
    'insurance_claim.decide': '审核互助保障理赔',
    'insurance_claim.pay': '互助保障赔付',
    'insurance_enrolment.export': '导出互助保障参保名单',
    'insurance_claim.export': '导出互助保障理赔',
    'insurance_claim.export_download': '下载导出的互助保障理赔',
    'case_handler.export': '导出经办人名录',
    'case_handler.export_download': '下载导出的经办人名录',
    'insurance_enrolment.export_download': '下载导出的参保名单',
  },
  entityTypes: {
    assistance_case: '求助案件',
    case_handler: '经办人',
    clock_rule: '办理时限',
    aid_threshold: '救助金额审批限额',
    hardship_archive: '困难职工档案',
    living_line: '最低生活保障标准',
    insurance_plan: '互助保障计划',
    insurance_claim: '互助保障理赔',
  },
  fields: {
    number: '案件编号',
    type: '案件类型',
    status: '状态',
    subject: '事由',
    workerId: '职工编号',
    workerName: '职工姓名',
    workerResidentIdMasked: '职工身份证号（已遮盖）',
    workerIsMember: '职工是否会员',
    intakeUnitId: '登记单位编号',
    intakeUnitName: '登记单位',
    handlingUnitId: '办理单位编号',
    handlingUnitName: '办理单位',
    handlerId: '经办人编号',
    handlerName: '经办人',
    receivedOn: '登记日期',
    acceptedOn: '受理日期',
    closedOn: '办结日期',
    outcome: '办理结果',
    deadlineKind: '期限类别',
    dueOn: '期限届满日',
    warnOn: '提醒日',
    dueProvisional: '期限为暂定（节假日安排未公布）',
    paused: '暂停计时',
    overdue: '已超期',
    dueSoon: '即将到期',
    extendedDays: '延长天数',
    aidAmountFen: '救助金额（分）',
    aidApprovedOn: '救助审批日期',
    aidApprovedByName: '救助审批单位',
    thresholdFen: '审批限额（分）',
    reason: '原因',
    approvedBy: '批准人',
    noticeOn: '告知日期',
    note: '说明',
    fileName: '文件名',
    attachmentId: '附件编号',
    toHandlerId: '接手经办人编号',
    fromHandlerId: '原经办人编号',
    caseIds: '案件编号',
    moved: '改派件数',
    toUnitId: '转至单位编号',
    toUnitName: '转至单位',
    kind: '类别',
    name: '姓名',
    orgUnitId: '所属单位编号',
    orgUnitName: '所属单位',
    userId: '账号编号',
    organisation: '所在机构',
    openCases: '在办案件数',
    dayKind: '计日方式',
    acceptDays: '受理期限（天）',
    handleDays: '办理期限（天）',
    handleFromReceipt: '办理期限自登记起算',
    extensionMaxDays: '最长延期（天）',
    clock: '期限',
    headName: '户主姓名',
    headResidentIdMasked: '户主身份证号（已遮盖）',
    category: '困难类别',
    statusReason: '状态变更原因',
    suddenCause: '致困原因',
    suddenNote: '致困情况说明',
    reviewDueOn: '下次复核日期',
    reviewOverdue: '逾期未复核',
    arithmetic: '困难类别计算',
    annualIncomeFen: '年收入（分）',
    unavoidableExpenseFen: '刚性支出（分）',
    householdSize: '家庭人口',
    perCapitaMonthlyFen: '月人均收入（分）',
    lineMonthlyFen: '最低生活保障标准（分/月）',
    lineYear: '标准年度',
    lineUnitName: '标准所属地区',
    ruleVersion: '计算规则版本',
    members: '家庭成员',
    memberId: '家庭成员编号',
    relation: '与户主关系',
    residentIdMasked: '身份证号（已遮盖）',
    health: '健康状况',
    year: '年度',
    monthlyFen: '最低生活保障标准（分/月）',
    amountFen: '金额（分）',
    description: '帮扶内容',
    fund: '资金或物资来源',
    givenOn: '帮扶日期',
    caseId: '案件编号',
    neverAssisted: '从未获得帮扶',
    assistedFen: '累计帮扶资金（分）',
    premiumFen: '每人保费（分）',
    maxPayoutFen: '最高赔付（分）',
    benefits: '保障内容',
    enrolled: '参保人数',
    alreadyEnrolled: '已参保人数',
    unionId: '工会编号',
    memberIds: '会员编号',
    planId: '保障计划编号',
    planName: '保障计划',
    enrolmentId: '参保记录编号',
    memberName: '会员姓名',
    approve: '是否批准',
    approvedFen: '批准金额（分）',
    paidOn: '赔付日期',
    submittedOn: '申请日期',
    open: '在办',
    receivedFrom: '登记日期起',
    receivedTo: '登记日期止',
    lawyerId: '援助律师编号',
    lawyerName: '援助律师',
    legalOutcome: '援助结果',
    recoveredFen: '挽回金额（分）',
    outcomeNote: '援助结果说明',
    side: '当事方',
    partyName: '当事人名称',
    representative: '代理人或代表',
    heldOn: '调解日期',
    place: '调解地点',
    terms: '协议内容',
    signer: '签字方',
    signedOn: '签字日期',
    mediatorId: '调解员编号',
    mediatorName: '调解员',
  },
  values: {
    type: caseTypeLabels,
    status: {
      ...caseStatusLabels,
      active: '在档',
      exited: '已脱困',
      cancelled: '已注销',
      submitted: '待审核',
      approved: '已批准',
      declined: '未批准',
      paid: '已赔付',
    },
    deadlineKind: deadlineKindLabels,
    dayKind: dayKindLabels,
    kind: { ...handlerKindLabels, money: '资金', goods: '物资', service: '服务' },
    category: { deep: '深度困难', relative: '相对困难', sudden: '意外致困', none: '不符合困难条件' },
    suddenCause: { disaster: '自然灾害', accident: '意外事故', illness: '重大疾病' },
    relation: { head: '户主', spouse: '配偶', child: '子女', parent: '父母', other: '其他' },
    health: { healthy: '健康', chronic: '慢性病', serious: '重病', disabled: '残疾' },
    clock: { overdue: '已超期', dueSoon: '即将到期', paused: '暂停计时' },
    legalOutcome: legalAidOutcomeLabels,
    side: partySideLabels,
    signer: signerLabels,
  },
} as const satisfies AuditLabels;

/** What the assistance module adds to the contracts: its permissions and its audit labels. */
export const assistanceContract = {
  permissions: ['assistance:read', 'assistance:write', 'assistance:reveal', 'assistance:configure'],
  auditLabels: assistanceAuditLabels,
} as const satisfies ModuleContract;
