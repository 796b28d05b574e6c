import { sql, type Kysely, type Transaction } from 'kysely';
import { registryNumber, type HeldImportRow } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit, auditScopeOfUnit } from '../../../platform/audit/audit.ts';
import { AppError, conflict, invalid } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { applyChanges } from './member-import.changes.ts';
import { LIVE_STATUSES } from '../registry/member.repository.ts';
import { transferRepository } from '../transfers/transfer.repository.ts';
import { inScope } from '../../../platform/scope.ts';
import { visibleImport as visibleMemberImport } from '../../../platform/imports/import.scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An import the caller may see (its scope lies within the caller's), locked when asked; else 404. */
export async function visibleImport(db: Db, actor: Actor, id: number, lock = false) {
  return visibleMemberImport(db, actor, (scope) =>
    db
      .selectFrom('member_import')
      .selectAll()
      .where('id', '=', id)
      .where(inScope('scope_path', scope))
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  );
}

export const memberImportHeldService = {
  /** The rows an import did not apply: people of other unions, and changed names waiting to be confirmed. */
  async list(
    db: Kysely<Database>,
    actor: Actor,
    id: number,
    kind?: 'elsewhere' | 'name',
  ): Promise<HeldImportRow[]> {
    await visibleImport(db, actor, id);
    const rows = await db
      .selectFrom('member_import_held as h')
      .innerJoin('member as m', 'm.id', 'h.member_id')
      .leftJoin('member_transfer as t', 't.id', 'h.transfer_id')
      .select([
        'h.row_no',
        'h.kind',
        'h.name',
        'h.resident_id_masked',
        'h.message',
        'h.in_scope',
        'h.member_id',
        'm.name as current_name',
        'h.transfer_id',
        't.status as transfer_status',
      ])
      .where('h.import_id', '=', id)
      .$if(!!kind, (q) => q.where('h.kind', '=', kind!))
      .orderBy('h.row_no')
      .execute();
    return rows.map((r) => ({
      rowNo: r.row_no,
      kind: r.kind,
      name: r.name,
      residentIdMasked: r.resident_id_masked,
      message: r.message,
      currentName: r.kind === 'name' ? r.current_name : null,
      registryNo: r.in_scope ? registryNumber(r.member_id) : null,
      transferId: r.transfer_id,
      transferStatus: r.transfer_status ?? null,
    }));
  },

  /**
   * The uploader confirms changed names: the chosen rows apply whole (name and the other cells, by the
   * import's rules), the others are dropped. Audited under the import's own entry.
   */
  async confirmNames(db: Kysely<Database>, actor: Actor, id: number, rowNos: number[]) {
    return db.transaction().execute(async (trx) => {
      const { imp } = await visibleImport(trx, actor, id, true);
      if (imp.status !== 'done') throw conflict('该导入未完成或已撤销，不能确认姓名变更');
      if (imp.created_by !== actor.userId)
        throw new AppError('FORBIDDEN', '只有上传该名册的人可以确认姓名变更');
      const waiting = await trx
        .selectFrom('member_import_held')
        .select('row_no')
        .where('import_id', '=', id)
        .where('kind', '=', 'name')
        .execute();
      const known = new Set(waiting.map((w) => w.row_no));
      const unknown = rowNos.filter((n) => !known.has(n));
      if (unknown.length > 0)
        throw invalid([
          { field: 'rowNos', message: `第 ${unknown.slice(0, 5).join('、')} 行不是待确认的姓名变更` },
        ]);
      if (waiting.length === 0) throw conflict('该导入没有待确认的姓名变更');
      const unionPath = await auditScopeOfUnit(trx, imp.org_unit_id);
      const { updated, employers } = await applyChanges(
        trx,
        {
          importId: id,
          auditId: Number(imp.audit_id),
          note: `名册导入第 ${id} 号（${imp.file_name}），确认姓名变更`,
          actor,
          date: today(),
        },
        { held: true, rowNos },
      );
      await tallyRepository.rebuildForEmployers(trx, employers);
      await sql`delete from member_import_row where import_id = ${id} and hold = 'name'`.execute(trx);
      await trx
        .deleteFrom('member_import_held')
        .where('import_id', '=', id)
        .where('kind', '=', 'name')
        .execute();
      const dropped = waiting.length - rowNos.length;
      await audit(trx, actor, {
        action: 'member.import_names',
        entityType: 'member_import',
        entityId: id,
        scopePath: unionPath,
        after: { confirmed: rowNos.length, applied: updated, dropped },
      });
      return { applied: updated, dropped };
    });
  },

  /**
   * Asks for a transfer (会员关系接转) of every person of another union the import held apart, into the
   * union of their row. The importer is the receiving side, so the union holding each member decides.
   */
  async startTransfers(db: Kysely<Database>, actor: Actor, id: number, reason: string) {
    return db.transaction().execute(async (trx) => {
      const { imp } = await visibleImport(trx, actor, id, true);
      if (imp.status !== 'done') throw conflict('该导入未完成或已撤销，不能发起接转');
      const rows = await trx
        .selectFrom('member_import_held as h')
        .innerJoin('member as m', 'm.id', 'h.member_id')
        .leftJoin('member_transfer as p', (j) =>
          j.onRef('p.member_id', '=', 'h.member_id').on('p.status', '=', 'pending'),
        )
        .select([
          'h.row_no',
          'h.member_id',
          'h.org_unit_id',
          'h.employer_id',
          'm.org_unit_id as current_unit',
          'm.status',
          'p.id as pending_id',
        ])
        .where('h.import_id', '=', id)
        .where('h.kind', '=', 'elsewhere')
        .where('h.transfer_id', 'is', null)
        .orderBy('h.row_no')
        .forUpdate('h')
        .execute();
      if (rows.length === 0) throw conflict('没有需要发起接转的行（已全部发起，或名册中没有其他工会的会员）');
      const failed: Array<{ rowNo: number; message: string }> = [];
      const ready = rows.filter((r) => {
        const problem = !LIVE_STATUSES.includes(r.status)
          ? '此人的会籍已终止，请直接登记入会'
          : r.current_unit === r.org_unit_id
            ? '此人已是本工会的会员'
            : r.pending_id !== null
              ? '此人已有一条待处理的会员关系接转申请'
              : null;
        if (problem) failed.push({ rowNo: r.row_no, message: problem });
        return problem === null;
      });
      const on = today();
      const ids = await transferRepository.insertMany(
        trx,
        ready.map((r) => ({
          memberId: r.member_id,
          fromOrgUnitId: r.current_unit,
          toOrgUnitId: r.org_unit_id,
          toEmployerId: r.employer_id,
          initiatedBy: 'receiver' as const,
          reason,
          requestedOn: on,
          createdBy: actor.userId,
        })),
      );
      if (ids.length > 0) {
        const batchId = Math.min(...ids);
        await transferRepository.setBatch(trx, ids, batchId);
        await sql`
          update member_import_held h set transfer_id = x.transfer_id
          from unnest(${sql.val(ready.map((r) => r.row_no))}::int[], ${sql.val(ids)}::int[]) x(row_no, transfer_id)
          where h.import_id = ${id} and h.row_no = x.row_no`.execute(trx);
      }
      const unionPath = await auditScopeOfUnit(trx, imp.org_unit_id);
      await audit(trx, actor, {
        action: 'member.import_transfers',
        entityType: 'member_import',
        entityId: id,
        scopePath: unionPath,
        after: { started: ids.length, failed: failed.length, reason, transferIds: ids },
      });
      return { started: ids.length, failed };
    });
  },
};
