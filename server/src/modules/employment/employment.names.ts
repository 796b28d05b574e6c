import { namesIn, type AuditTargetReader } from '../../platform/audit/audit-names.ts';

/** How the audit log names employment records: a fair, a position and a course by title, a seeker masked. */
export const employmentAuditTargets: Record<string, AuditTargetReader> = {
  job_fair: namesIn('job_fair', 'title'),
  job_position: namesIn('job_position', 'title'),
  job_course: namesIn('job_course', 'title'),
  job_seeker: namesIn('job_seeker', 'name', { masked: true }),
};
