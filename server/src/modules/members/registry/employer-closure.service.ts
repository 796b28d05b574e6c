import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import { audit, auditScopeOfUnit } from '../../../platform/audit/audit.ts';
import { memberRepository, LIVE_STATUSES } from './member.repository.ts';
import { transferRepository } from '../transfers/transfer.repository.ts';
import { versionValidOn } from '../../../platform/scope.ts';

export interface ClosureOutcome {
  /** Members moved from the employer's own union to the union above it. */
  moved: number;
  /** Members whose employer was cleared (active ones now retained as unemployed). */
  released: number;
  upperOrgUnitId: number | null;
}

/**
 * When an employer closes, its union goes with it (工会法 §12: 企业终止的，该工会相应撤销), and the
 * memberships are kept by the union above: members of its own union move up a level, every active member
 * of the employer is kept as "retained while unemployed" with no employer, and waiting transfers into or
 * out of that union are withdrawn. Call inside the transaction that closes the employer.
 */
export async function moveMembersOfClosedEmployer(
  trx: Transaction<Database>,
  actor: AuditActor | null,
  employerId: number,
  date: string,
): Promise<ClosureOutcome> {
  const employer = await trx
    .selectFrom('employer')
    .select(['id', 'name', 'grassroots_union_id as unionId', 'org_unit_id as orgUnitId'])
    .where('id', '=', employerId)
    .executeTakeFirst();
  if (!employer) return { moved: 0, released: 0, upperOrgUnitId: null };
  let upper: { id: number; path: string } | null = null;
  if (employer.unionId !== null) {
    const own = await trx
      .selectFrom('org_unit_version as v')
      .innerJoin('org_unit_version as pv', (j) =>
        j.onRef('pv.org_unit_id', '=', 'v.parent_id').on(versionValidOn('pv', date)),
      )
      .select(['pv.org_unit_id as id', 'pv.path'])
      .where('v.org_unit_id', '=', employer.unionId)
      .where(versionValidOn('v', date))
      .executeTakeFirst();
    upper = own ?? null;
  }
  const members = await trx
    .selectFrom('member')
    .select(['id', 'org_unit_id as orgUnitId', 'status', 'employer_id as employerId'])
    .where('status', 'in', LIVE_STATUSES)
    .where((eb) =>
      eb.or([
        eb('employer_id', '=', employerId),
        ...(employer.unionId !== null ? [eb('org_unit_id', '=', employer.unionId)] : []),
      ]),
    )
    .forUpdate()
    .execute();
  let moved = 0;
  for (const m of members) {
    const movesUp = upper !== null && m.orgUnitId === employer.unionId;
    const orgUnitId = movesUp ? upper!.id : m.orgUnitId;
    const ofEmployer = m.employerId === employerId;
    const status = ofEmployer && m.status === 'active' ? 'unemployed' : m.status;
    await memberRepository.update(trx, m.id, {
      org_unit_id: orgUnitId,
      employer_id: ofEmployer ? null : m.employerId,
      status,
      ...(status !== m.status ? { status_since: date } : {}),
    });
    await memberRepository.recordSpan(trx, m.id, {
      orgUnitId,
      employerId: ofEmployer ? null : m.employerId,
      status,
      from: date,
      change: 'employer_closed',
      note: `${employer.name}注销`,
    });
    if (movesUp) moved++;
  }
  await transferRepository.cancelPendingFor(
    trx,
    employer.unionId,
    members.map((m) => m.id),
    date,
    `${employer.name}注销，会员关系已转到上级工会`,
  );
  await audit(trx, actor, {
    action: 'member.employer_closed',
    entityType: 'employer',
    entityId: employerId,
    scopePath: upper?.path ?? (await auditScopeOfUnit(trx, employer.orgUnitId)),
    after: { moved, released: members.length, upperOrgUnitId: upper?.id ?? null },
  });
  return { moved, released: members.length, upperOrgUnitId: upper?.id ?? null };
}
