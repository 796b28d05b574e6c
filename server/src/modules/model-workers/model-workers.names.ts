import { namesIn, type AuditTargetReader } from '../../platform/audit/audit-names.ts';

/** How the audit log names model-worker records: a person masked, a roll, a rule and a visit cycle by name. */
export const modelWorkerAuditTargets: Record<string, AuditTargetReader> = {
  model_worker: namesIn('model_worker', 'name', { masked: true }),
  subsidy_roll: namesIn('subsidy_roll', 'title'),
  subsidy_rule: namesIn('subsidy_rule', 'name'),
  visit_cycle: namesIn('visit_cycle', 'title'),
};
