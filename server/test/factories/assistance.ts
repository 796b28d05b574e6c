import type { AssistanceCase, CaseHandler, IntakeCaseBody } from '@gonghui/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { caseService } from '../../src/modules/assistance/cases/case.service.ts';
import { handlerService } from '../../src/modules/assistance/handlers/handler.service.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { nextResidentId } from '../members-fixtures.ts';

type Db = Kysely<Database>;
let serial = 0;

/** A case taken in at a unit through the case service, by a new person with a fresh valid ID. */
export async function buildCase(
  db: Db,
  o: Partial<IntakeCaseBody> & { unitId: number },
): Promise<AssistanceCase> {
  serial += 1;
  const { unitId, ...body } = o;
  return caseService.intake(db, systemActor(unitId, 'test'), {
    type: 'legal_aid',
    subject: `测试求助事由${serial}`,
    narrative: '职工反映单位拖欠三个月工资，已多次讨要未果。',
    ...(body.memberId ? {} : { worker: { name: '测试职工', residentId: nextResidentId() } }),
    ...body,
  });
}

/** A handler at a unit: an outside lawyer unless told otherwise. */
export async function buildHandler(
  db: Db,
  o: { unitId: number; name?: string; kind?: CaseHandler['kind']; userId?: number | null },
): Promise<CaseHandler> {
  serial += 1;
  return handlerService.create(db, systemActor(o.unitId, 'test'), {
    name: o.name ?? `测试律师${'甲乙丙丁戊己庚辛壬癸'[serial % 10]}`,
    kind: o.kind ?? 'lawyer',
    orgUnitId: o.unitId,
    userId: o.userId ?? null,
    organisation: o.kind === 'staff' ? null : '测试律师事务所',
  });
}
