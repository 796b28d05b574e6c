import type { JobHandler } from './platform/jobs/job.runner.ts';
import { modules } from './modules/index.ts';

/** Every kind of background job and its handler, from the modules; the serve command's JobRunner takes it. */
export const jobHandlers: Record<string, JobHandler> = Object.assign(
  {},
  ...modules.map((m) => m.jobs ?? {}),
  ...modules.flatMap((m) => m.exports ?? []).map((e) => ({ [e.kind]: e.job })),
);
