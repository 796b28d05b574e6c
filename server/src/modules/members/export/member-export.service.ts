import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { MemberExport, MemberExportQuery, StartMemberExportBody } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { exportFileService } from '../../../platform/exports/export-file.service.ts';
import type { ExportAnswer } from '../../../platform/exports/list-export.ts';
import { invalid } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { memberExport } from './member-export.job.ts';

const only = [memberExport.registration];

/** The filters of an export, its union checked against the caller's scope. */
async function checkedFilters(
  db: Kysely<Database>,
  actor: Actor,
  body: StartMemberExportBody,
): Promise<StartMemberExportBody> {
  const scope = await scopeOf(db, actor);
  if (body.orgUnitId !== undefined && !(await orgRepository.findAt(db, body.orgUnitId, today(), scope))) {
    throw invalid([{ field: 'orgUnitId', message: '所属工会不存在或不在您的管辖范围内' }]);
  }
  return {
    q: body.q || undefined,
    orgUnitId: body.orgUnitId,
    employerId: body.employerId,
    status: body.status,
    migrantWorker: body.migrantWorker,
    newEmploymentForm: body.newEmploymentForm,
    gender: body.gender,
    ageBand: body.ageBand,
    joinedFrom: body.joinedFrom,
    joinedTo: body.joinedTo,
  };
}

/** Roster exports, read back under /api/member-exports or, like every list's, /api/exports. */
export const memberExportService = {
  /**
   * Queues an export of the member list's filters over the caller's subtree, whatever its size; IDs and
   * phones are masked. Exports older than the keeping period are removed first.
   */
  async start(db: Kysely<Database>, actor: Actor, body: StartMemberExportBody): Promise<MemberExport> {
    return memberExport.start(db, actor, await checkedFilters(db, actor, body));
  },

  /** The list's export: the file at once up to the inline limit, else the job that writes it. */
  async answer(db: Kysely<Database>, actor: Actor, q: MemberExportQuery): Promise<ExportAnswer> {
    const body = {
      ...q,
      migrantWorker: q.migrantWorker === undefined ? undefined : q.migrantWorker === 'true',
      newEmploymentForm: q.newEmploymentForm === undefined ? undefined : q.newEmploymentForm === 'true',
    };
    return memberExport.answer(db, actor, await checkedFilters(db, actor, body));
  },

  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<MemberExport> {
    return exportFileService.get(db, actor, id, only);
  },

  /** The finished file of an export in the caller's subtree; every download is audited. */
  async file(
    db: Kysely<Database>,
    actor: Actor,
    id: number,
  ): Promise<{ fileName: string; stream: Readable }> {
    return exportFileService.file(db, actor, id, only);
  },
};
