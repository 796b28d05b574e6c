import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database, JobRow } from '../server/src/db/schema.ts';
import { memberImportService } from '../server/src/modules/members/import/member-import.service.ts';
import type { Actor } from '../server/src/platform/auth/actor.ts';
import { jobQueue } from '../server/src/platform/jobs/job.queue.ts';

/** Uploads a roster file for a union as the web app does, and claims its import job to run it here. */
export async function uploadRoster(
  db: Kysely<Database>,
  actor: Actor,
  unionId: number,
  file: string,
): Promise<JobRow> {
  const queued = await memberImportService.upload(
    db,
    actor,
    { orgUnitId: unionId, fileName: 'roster.csv' },
    fs.createReadStream(file),
  );
  const { job_id } = await db
    .selectFrom('member_import')
    .select('job_id')
    .where('id', '=', queued.id)
    .executeTakeFirstOrThrow();
  const job = await jobQueue.claimById(db, job_id!, 'bench');
  if (!job) throw new Error('the import job was claimed by someone else');
  return job;
}
