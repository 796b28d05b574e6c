import { z } from 'zod';
import { date, id, optionalText, queryId, requiredText } from './assistance-fields.ts';
import { pageQuery } from './common.ts';
import { caseTypes } from './assistance-types.ts';
import { legalAidDetail, mediationDetail } from './assistance-specifics.ts';

/** Cases of the one-stop centre: statuses and how they follow, intake, handling actions, the case views. */
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
