import type { JobHandler } from './platform/jobs/job.runner.ts';
import { modules } from './modules/index.ts';
import { platformExports } from './platform/exports/platform-exports.ts';
import { useAuditTargets } from './platform/audit/audit-names.ts';

// The audit log's export job names the modules' records as the log's page does.
useAuditTargets(modules);

/** Every kind of background job and its handler, from the platform's exports and the modules; the serve command's JobRunner takes it. */
export const jobHandlers: Record<string, JobHandler> = Object.assign(
  {},
  ...modules.map((m) => m.jobs ?? {}),
  ...[...platformExports, ...modules.flatMap((m) => m.exports ?? [])].map((e) => ({ [e.kind]: e.job })),
);
