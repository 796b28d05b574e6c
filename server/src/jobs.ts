import type { JobHandler } from './platform/jobs/job.runner.ts';
import { MEMBER_IMPORT_JOB, runMemberImport } from './modules/members/member.import.ts';
import { EMPLOYER_IMPORT_JOB, runEmployerImport } from './modules/employers/employer.import.ts';
import { MEMBER_EXPORT_JOB, runMemberExport } from './modules/members/member-export.job.ts';

/** Every kind of background job and its handler; the serve command's JobRunner takes this registry. */
export const jobHandlers: Record<string, JobHandler> = {
  [MEMBER_IMPORT_JOB]: runMemberImport,
  [EMPLOYER_IMPORT_JOB]: runEmployerImport,
  [MEMBER_EXPORT_JOB]: runMemberExport,
};
