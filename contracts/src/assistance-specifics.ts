import { z } from 'zod';
import { date, id, optionalText, requiredText } from './assistance-fields.ts';

// ——— What one type of case records beyond the rest: legal aid's lawyer and outcome, mediation's parties,
// sessions and signed agreement ———

export const legalAidOutcomes = ['won', 'partly', 'settled', 'withdrawn', 'lost'] as const;
export type LegalAidOutcome = (typeof legalAidOutcomes)[number];
export const legalAidOutcomeLabels: Record<LegalAidOutcome, string> = {
  won: '诉求得到支持',
  partly: '诉求部分支持',
  settled: '调解或和解结案',
  withdrawn: '撤回申请',
  lost: '诉求未获支持',
};

export const legalAidBody = z.object({
  /** The lawyer assigned to the worker: a handler of the kind 律师. */
  lawyerId: id('援助律师编号'),
  legalOutcome: z.enum(legalAidOutcomes, { error: '援助结果不正确' }).nullable().optional(),
  /** Money recovered for the worker (wages, compensation), in fen. */
  recoveredFen: z
    .number({ error: '挽回金额应为数字' })
    .int('挽回金额最多两位小数（以分计）')
    .min(0, '挽回金额不能为负')
    .max(10_000_000_000, '挽回金额过大')
    .nullable()
    .optional(),
  outcomeNote: optionalText('援助结果说明', 500),
});
export type LegalAidBody = z.infer<typeof legalAidBody>;

export const legalAidDetail = z.object({
  lawyerId: z.number().int().nullable(),
  lawyerName: z.string().nullable(),
  lawyerOrganisation: z.string().nullable(),
  legalOutcome: z.enum(legalAidOutcomes).nullable(),
  recoveredFen: z.number().int().nullable(),
  outcomeNote: z.string().nullable(),
});
export type LegalAidDetail = z.infer<typeof legalAidDetail>;

export const partySides = ['applicant', 'respondent'] as const;
export type PartySide = (typeof partySides)[number];
export const partySideLabels: Record<PartySide, string> = { applicant: '申请方', respondent: '被申请方' };

export const mediationPartyBody = z.object({
  side: z.enum(partySides, { error: '请选择当事方' }),
  partyName: requiredText('当事人名称', 2, 60),
  representative: optionalText('代理人或代表', 30),
});
export type MediationPartyBody = z.infer<typeof mediationPartyBody>;

export const mediationSessionBody = z.object({
  heldOn: date('调解日期'),
  place: requiredText('调解地点', 2, 60),
  note: requiredText('调解情况', 2, 1000),
});
export type MediationSessionBody = z.infer<typeof mediationSessionBody>;

export const agreementBody = z.object({ terms: requiredText('协议内容', 10, 5000) });
export type AgreementBody = z.infer<typeof agreementBody>;

export const signers = ['applicant', 'respondent', 'mediator'] as const;
export type Signer = (typeof signers)[number];
export const signerLabels: Record<Signer, string> = {
  applicant: '申请方',
  respondent: '被申请方',
  mediator: '调解员',
};
export const signBody = z.object({
  signer: z.enum(signers, { error: '请选择签字方' }),
  signedOn: date('签字日期'),
  /** The mediator who signs: a handler of the kind 调解员 or a staff member; only for the mediator. */
  mediatorId: id('调解员编号').nullable().optional(),
});
export type SignBody = z.infer<typeof signBody>;

export const mediationDetail = z.object({
  parties: z.array(
    z.object({
      id: z.number().int(),
      side: z.enum(partySides),
      partyName: z.string(),
      representative: z.string().nullable(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.number().int(),
      heldOn: z.string(),
      place: z.string(),
      note: z.string(),
      actorName: z.string(),
    }),
  ),
  agreement: z
    .object({
      terms: z.string(),
      applicantSignedOn: z.string().nullable(),
      respondentSignedOn: z.string().nullable(),
      mediatorId: z.number().int().nullable(),
      mediatorName: z.string().nullable(),
      mediatorSignedOn: z.string().nullable(),
      /** Signed by both parties and the mediator: the agreement is in force. */
      complete: z.boolean(),
    })
    .nullable(),
});
export type MediationDetail = z.infer<typeof mediationDetail>;
