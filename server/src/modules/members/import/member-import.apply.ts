import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import { registryNumber } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { closeImportAudit, importActor, openImportAudit } from '../../../platform/imports/import.audit.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { applyChanges, createMembers, noteRejoins, type ImportMark } from './member-import.changes.ts';
import { stagedColumnNames, unpackedRows, type CheckedBatch, type PackedRows } from './member-import.rows.ts';
import type { HeldRow } from './member-import.check.ts';
import { isOneLiveViolation } from '../registry/member.service.ts';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  /** Rows of people who are live members of another union: not applied, listed apart. */
  heldElsewhere: number;
  /** Rows whose known ID carries another name: waiting for confirmation, or applied when accepted. */
  nameChanges: number;
}

type Trx = Transaction<Database>;

/** The import's own audit entry (its summary is filled in when it commits). */
const IMPORT_AUDIT = { action: 'member.import' } as const;

const stagedRows = (importId: number, rows: PackedRows) => sql`
  insert into member_import_row (import_id, ${stagedColumnNames})
  select ${importId}, ${stagedColumnNames} from ${unpackedRows(rows)}`;

async function storeHeld(db: Kysely<Database> | Trx, importId: number, held: HeldRow[]): Promise<void> {
  for (let i = 0; i < held.length; i += 1000) {
    await db
      .insertInto('member_import_held')
      .values(held.slice(i, i + 1000).map((h) => ({ ...h, import_id: importId })))
      .execute();
  }
}

/** What the staged batches of an import added up to. */
interface Staged {
  created: number;
  /** Employers of the new members. */
  employers: Set<number>;
  heldElsewhere: number;
  nameChanges: number;
  rejoins: Array<{ hash: string; note: string }>;
}

/** The import's own audit entry, written first so that its members' entries can point at it. */
async function openMark(trx: Trx, importId: number, date: string): Promise<ImportMark> {
  const imp = await trx
    .selectFrom('member_import as i')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'i.org_unit_id').on('v.valid_to', 'is', null),
    )
    .select(['i.file_name', 'i.created_by', 'v.path'])
    .where('i.id', '=', importId)
    .executeTakeFirstOrThrow();
  const actor = await importActor(trx, imp.created_by);
  const id = await openImportAudit(trx, actor, {
    action: IMPORT_AUDIT.action,
    entityType: 'member_import',
    entityId: importId,
    scopePath: imp.path,
  });
  // The import's own row is written only when it commits: on a server this transaction stays open while
  // the import reports progress on that row through another connection.
  return {
    importId,
    auditId: id,
    note: `名册导入第 ${importId} 号（${imp.file_name}）`,
    actor,
    date,
  };
}

/** Applies the staged changes to existing members, keeps the tallies current, clears staging and records the import. */
async function finish(
  trx: Trx,
  mark: ImportMark,
  staged: Staged,
  acceptNames: boolean,
): Promise<ImportSummary> {
  const { importId } = mark;
  const existing = await sql<{ n: number }>`
    select count(*)::int as n from member_import_row
    where import_id = ${importId} and member_id is not null and (hold is null or ${acceptNames})`.execute(
    trx,
  );
  const { updated, employers } = await applyChanges(trx, mark, { held: false, acceptNames });
  await noteRejoins(trx, importId, staged.rejoins);
  await tallyRepository.rebuildForEmployers(trx, [...staged.employers, ...employers]);
  const summary: ImportSummary = {
    created: staged.created,
    updated,
    unchanged: existing.rows[0].n - updated,
    errors: 0,
    heldElsewhere: staged.heldElsewhere,
    nameChanges: staged.nameChanges,
  };
  // Rows held for a changed name stay staged until the uploader confirms them.
  await sql`delete from member_import_row where import_id = ${importId} and (hold is null or ${acceptNames})`.execute(
    trx,
  );
  if (acceptNames)
    await trx
      .deleteFrom('member_import_held')
      .where('import_id', '=', importId)
      .where('kind', '=', 'name')
      .execute();
  await trx.deleteFrom('member_import_chunk').where('import_id', '=', importId).execute();
  await trx
    .updateTable('member_import')
    .set({
      status: 'done',
      summary: JSON.stringify(summary),
      finished_at: new Date(),
      applied_at: sql<Date>`now()`,
      audit_id: mark.auditId,
    })
    .where('id', '=', importId)
    .execute();
  await closeImportAudit(trx, mark.auditId, summary);
  return summary;
}

/** Thrown when someone in the file was enrolled elsewhere after the check: nothing was written. */
export class EnrolledMeanwhileError extends Error {}

async function serverHasConnections(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ v: string }>`select version() as v`.execute(db);
  return !/pglite/i.test(rows[0].v);
}

/**
 * Stages and applies the rows of one import, all or nothing. On a PostgreSQL server the apply transaction
 * is opened before the first row is read; each checked batch's new members are inserted in it directly
 * and only changes to existing members are staged, so the server stores and indexes one batch while this
 * process reads and checks the next. Nothing is visible before the commit, and a crash rolls everything
 * back (the rerun starts from the file again). The embedded database is one connection, which a transaction held open while
 * reading would take from every other request: there batches are staged as they come and applied at the
 * end, in one short transaction; staging left by a crash is cleared by the rerun.
 */
export class ImportApply {
  #trx: ControlledTransaction<Database> | null = null;
  #mark: ImportMark | null = null;
  readonly #staged: Staged = {
    created: 0,
    employers: new Set(),
    heldElsewhere: 0,
    nameChanges: 0,
    rejoins: [],
  };

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly importId: number,
    private readonly date: string,
    readonly onServer: boolean,
  ) {}

  static async open(db: Kysely<Database>, importId: number, date: string): Promise<ImportApply> {
    const apply = new ImportApply(db, importId, date, await serverHasConnections(db));
    if (apply.onServer) {
      const trx = await db.startTransaction().execute();
      apply.#trx = trx;
      apply.#mark = await openMark(trx, importId, date);
    }
    return apply;
  }

  /**
   * Writes a checked batch: on a server its new members go straight into the open transaction and only
   * changes to existing members are staged; on the embedded database every row is staged.
   */
  async stage(batch: CheckedBatch): Promise<void> {
    const staged = this.#staged;
    staged.created += batch.fresh.count;
    for (const id of batch.freshEmployers) staged.employers.add(id);
    for (const h of batch.held) {
      if (h.kind === 'elsewhere') staged.heldElsewhere++;
      else staged.nameChanges++;
    }
    for (const r of batch.rejoins)
      staged.rejoins.push({
        hash: r.hash,
        note: `；曾退会，重新入会（原会员编号 ${registryNumber(r.formerId)}）`,
      });
    const trx = this.#trx;
    if (!trx) {
      for (const rows of [batch.fresh, batch.existing])
        if (rows.count > 0) await stagedRows(this.importId, rows).execute(this.db);
      await storeHeld(this.db, this.importId, batch.held);
      return;
    }
    await this.#guard(async () => {
      if (batch.fresh.count > 0) await createMembers(trx, this.#mark!, unpackedRows(batch.fresh));
      if (batch.existing.count > 0) await stagedRows(this.importId, batch.existing).execute(trx);
      await storeHeld(trx, this.importId, batch.held);
    });
  }

  /** Applies what is left and commits; the summary of the import. */
  async commit(acceptNames: boolean): Promise<ImportSummary> {
    const staged = this.#staged;
    const trx = this.#trx;
    if (!trx) {
      return this.#guard(() =>
        this.db.transaction().execute(async (t) => {
          const mark = await openMark(t, this.importId, this.date);
          await createMembers(
            t,
            mark,
            sql`(select *, row_no as ord from member_import_row where import_id = ${this.importId} and member_id is null) u`,
          );
          return finish(t, mark, staged, acceptNames);
        }),
      );
    }
    const summary = await this.#guard(() => finish(trx, this.#mark!, staged, acceptNames));
    await trx.commit().execute();
    return summary;
  }

  /** Drops everything applied so far (a bad row, a failure). */
  async rollback(): Promise<void> {
    const trx = this.#trx;
    this.#trx = null;
    if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isOneLiveViolation(e)) throw new EnrolledMeanwhileError('enrolled elsewhere during the import');
      throw e;
    }
  }
}
