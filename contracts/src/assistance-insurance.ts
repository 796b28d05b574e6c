import { z } from 'zod';
import { pageQuery } from './common.ts';
import { date, id, queryId, requiredText } from './assistance-fields.ts';

// ——— Mutual insurance (职工互助保障) ———

export const claimStatuses = ['submitted', 'approved', 'declined', 'paid'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export const claimStatusLabels: Record<ClaimStatus, string> = {
  submitted: '待审核',
  approved: '已批准',
  declined: '未批准',
  paid: '已赔付',
};
const money = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}最多两位小数（以分计）`)
    .min(1, `${label}应大于 0`)
    .max(100_000_000, `${label}过大`);

export const createPlanBody = z.object({
  name: requiredText('保障计划名称', 4, 60),
  year: z
    .number({ error: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度不能早于 2000 年')
    .max(2100, '年度不能晚于 2100 年'),
  orgUnitId: id('举办单位编号'),
  premiumFen: money('每人保费'),
  maxPayoutFen: money('最高赔付'),
  benefits: requiredText('保障内容', 4, 500),
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;

export const insurancePlan = z.object({
  id: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  premiumFen: z.number().int(),
  maxPayoutFen: z.number().int(),
  benefits: z.string(),
  /** Members the caller's scope has enrolled in it. */
  enrolled: z.number().int(),
});
export type InsurancePlan = z.infer<typeof insurancePlan>;

export const insuranceEnrolBody = z
  .object({
    /** Every live member of this union (and none below it) … */
    unionId: id('工会编号').optional(),
    /** … or these members. */
    memberIds: z.array(id('会员编号')).min(1, '请至少选择一名会员').max(1000, '一次最多 1000 人').optional(),
  })
  .refine((b) => (b.unionId ? 1 : 0) + (b.memberIds ? 1 : 0) === 1, {
    message: '请选择一个工会整体参保，或选择会员（二者选其一）',
    path: ['unionId'],
  });
export type InsuranceEnrolBody = z.infer<typeof insuranceEnrolBody>;
export const insuranceEnrolResult = z.object({
  enrolled: z.number().int(),
  alreadyEnrolled: z.number().int(),
});
export type InsuranceEnrolResult = z.infer<typeof insuranceEnrolResult>;

export const enrolmentFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  orgUnitId: queryId('工会编号').optional(),
});
export type EnrolmentFilter = z.infer<typeof enrolmentFilterQuery>;
export const listEnrolmentsQuery = pageQuery.extend(enrolmentFilterQuery.shape);
export type ListEnrolmentsQuery = z.infer<typeof listEnrolmentsQuery>;

export const insuranceEnrolment = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  residentIdMasked: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  premiumFen: z.number().int(),
  enrolledOn: z.string(),
});
export type InsuranceEnrolment = z.infer<typeof insuranceEnrolment>;

export const submitClaimBody = z.object({
  enrolmentId: id('参保记录编号'),
  amountFen: money('申请金额'),
  reason: requiredText('申请事由', 4, 500),
});
export type SubmitClaimBody = z.infer<typeof submitClaimBody>;

export const decideClaimBody = z.object({
  approve: z.boolean({ error: '请选择是否批准' }),
  approvedFen: money('批准金额').nullable().optional(),
  note: requiredText('审核意见', 2, 500),
});
export type DecideClaimBody = z.infer<typeof decideClaimBody>;
export const payClaimBody = z.object({ paidOn: date('赔付日期') });
export type PayClaimBody = z.infer<typeof payClaimBody>;

export const claimFilterQuery = z.object({
  status: z.enum(claimStatuses, { error: '理赔状态不正确' }).optional(),
  planId: queryId('保障计划编号').optional(),
});
export type ClaimFilter = z.infer<typeof claimFilterQuery>;
export const listClaimsQuery = pageQuery.extend(claimFilterQuery.shape);
export type ListClaimsQuery = z.infer<typeof listClaimsQuery>;

export const insuranceClaim = z.object({
  id: z.number().int(),
  enrolmentId: z.number().int(),
  planName: z.string(),
  memberName: z.string(),
  orgUnitName: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(claimStatuses),
  approvedFen: z.number().int().nullable(),
  note: z.string().nullable(),
  paidOn: z.string().nullable(),
  submittedOn: z.string(),
});
export type InsuranceClaim = z.infer<typeof insuranceClaim>;
