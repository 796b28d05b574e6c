import { sql, type Kysely, type Transaction } from 'kysely';
import type { TransferStatus } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { listPage, type PageRequest } from '../../../platform/lists/list-page.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import { startingWith } from '../../../db/like.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Transfers with both unions' names and paths, current or, for a union since closed (its employer closed),
 * as they last were, and the member's sealed ID for masking.
 */
function withUnits(db: Db) {
  return db
    .selectFrom('member_transfer as t')
    .innerJoin('member as m', 'm.id', 't.member_id')
    .innerJoin('org_unit as fu', 'fu.id', 't.from_org_unit_id')
    .innerJoin('org_unit_version as fv', (j) =>
      j.onRef('fv.org_unit_id', '=', 'fu.id').on(sql<boolean>`fv.valid_to is not distinct from fu.closed_on`),
    )
    .innerJoin('org_unit as tu', 'tu.id', 't.to_org_unit_id')
    .innerJoin('org_unit_version as tv', (j) =>
      j.onRef('tv.org_unit_id', '=', 'tu.id').on(sql<boolean>`tv.valid_to is not distinct from tu.closed_on`),
    )
    .leftJoin('employer as te', 'te.id', 't.to_employer_id')
    .select([
      't.id',
      't.batch_id as batchId',
      't.member_id as memberId',
      'm.name as memberName',
      'm.resident_id_cipher as residentIdCipher',
      't.from_org_unit_id as fromOrgUnitId',
      'fv.name as fromOrgUnitName',
      'fv.path as fromPath',
      't.to_org_unit_id as toOrgUnitId',
      'tv.name as toOrgUnitName',
      'tv.path as toPath',
      't.to_employer_id as toEmployerId',
      'te.name as toEmployerName',
      't.initiated_by as initiatedBy',
      't.status',
      't.reason',
      't.decision_reason as decisionReason',
      't.requested_on as requestedOn',
      't.decided_on as decidedOn',
    ]);
}
export type TransferRow = Awaited<ReturnType<ReturnType<typeof withUnits>['executeTakeFirstOrThrow']>>;

export interface NewTransfer {
  memberId: number;
  fromOrgUnitId: number;
  toOrgUnitId: number;
  toEmployerId: number | null;
  initiatedBy: 'sender' | 'receiver';
  reason: string;
  requestedOn: string;
  createdBy: number | null;
  batchId?: number | null;
}

export const transferRepository = {
  /** A transfer the caller's unit sends or receives; anything else is not found. */
  async findVisible(db: Db, id: number, scope: Scope) {
    return withUnits(db)
      .where('t.id', '=', id)
      .where((eb) => eb.or([inScope('fv.path', scope), inScope('tv.path', scope)]))
      .executeTakeFirst();
  },

  async lock(db: Transaction<Database>, id: number) {
    return db.selectFrom('member_transfer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async list(
    db: Db,
    scope: Scope,
    box: 'inbox' | 'outbox',
    status: TransferStatus | undefined,
    q: string | undefined,
    page: PageRequest,
  ) {
    // The inbox holds what waits for this side's decision, the outbox what this side asked for: a transfer
    // asked by the receiving union is decided by the sending one.
    const deciding = box === 'inbox';
    const base = withUnits(db)
      .where((eb) =>
        eb.or([
          eb.and([eb('t.initiated_by', '=', 'sender'), inScope(deciding ? 'tv.path' : 'fv.path', scope)]),
          eb.and([eb('t.initiated_by', '=', 'receiver'), inScope(deciding ? 'fv.path' : 'tv.path', scope)]),
        ]),
      )
      .$if(!!status, (qb) => qb.where('t.status', '=', status!))
      .$if(!!q, (qb) => qb.where('m.name', 'like', startingWith(q!)));
    return listPage(db, { rows: base, orderBy: [['t.id', 'desc']], page });
  },

  async insertMany(db: Db, rows: NewTransfer[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const inserted = await db
      .insertInto('member_transfer')
      .values(
        rows.map((r) => ({
          batch_id: r.batchId ?? null,
          member_id: r.memberId,
          from_org_unit_id: r.fromOrgUnitId,
          to_org_unit_id: r.toOrgUnitId,
          to_employer_id: r.toEmployerId,
          initiated_by: r.initiatedBy,
          reason: r.reason,
          requested_on: r.requestedOn,
          created_by: r.createdBy,
        })),
      )
      .returning('id')
      .execute();
    return inserted.map((r) => r.id);
  },

  async setBatch(db: Db, ids: number[], batchId: number) {
    await db.updateTable('member_transfer').set({ batch_id: batchId }).where('id', 'in', ids).execute();
  },

  async decide(
    db: Db,
    id: number,
    d: { status: TransferStatus; reason: string | null; on: string; by: number | null },
  ) {
    await db
      .updateTable('member_transfer')
      .set({ status: d.status, decision_reason: d.reason, decided_on: d.on, decided_by: d.by })
      .where('id', '=', id)
      .execute();
  },

  /** Moves the membership only if it still stands where the transfer found it; false when it moved meanwhile. */
  async moveMember(
    db: Db,
    memberId: number,
    from: number,
    to: number,
    employerId: number | null,
  ): Promise<boolean> {
    const r = await sql`
      update member set org_unit_id = ${to}, employer_id = ${employerId}, updated_at = now()
      where id = ${memberId} and org_unit_id = ${from} and status in ('active', 'retired', 'unemployed')`.execute(
      db,
    );
    return Number(r.numAffectedRows ?? 0) === 1;
  },

  async pendingMemberIds(db: Db, memberIds: number[]) {
    if (memberIds.length === 0) return [];
    return db
      .selectFrom('member_transfer as t')
      .innerJoin('member as m', 'm.id', 't.member_id')
      .select(['t.member_id as memberId', 'm.name'])
      .where('t.member_id', 'in', memberIds)
      .where('t.status', '=', 'pending')
      .execute();
  },

  /** Withdraws every waiting transfer into or out of a union, or of the given members. */
  async cancelPendingFor(db: Db, orgUnitId: number | null, memberIds: number[], on: string, reason: string) {
    if (orgUnitId === null && memberIds.length === 0) return 0;
    const r = await db
      .updateTable('member_transfer')
      .set({ status: 'cancelled', decision_reason: reason, decided_on: on })
      .where('status', '=', 'pending')
      .where((eb) => {
        const any = [];
        if (orgUnitId !== null) {
          any.push(eb('from_org_unit_id', '=', orgUnitId), eb('to_org_unit_id', '=', orgUnitId));
        }
        if (memberIds.length > 0) any.push(eb('member_id', 'in', memberIds));
        return eb.or(any);
      })
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
