import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit/audit.ts';
import { tallyRepository } from '../indicators/tally.repository.ts';
import { stagedColumnNames, unpackedRows, type CheckedBatch, type PackedRows } from './member-import-rows.ts';
import { isOneLiveViolation } from './member.service.ts';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
}

type Trx = Transaction<Database>;

const MEMBER_COLUMNS = sql`name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
  gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
  new_employment_form, employer_id, org_unit_id, status, status_since, joined_on`;
const STAGED_MEMBER = sql`name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
  gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
  new_employment_form, employer_id, org_unit_id, 'active', joined_on, joined_on`;
/** New members' first history span, from the `created` rows of the statement it ends. */
const FIRST_SPANS = sql`
  insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
  select id, org_unit_id, employer_id, 'active', joined_on, 'import' from created`;

/** Inserts new members in the order of their rows (registry numbers follow the roster), with their spans. */
const freshMembers = (rows: PackedRows) => sql`
  with created as (
    insert into member (${MEMBER_COLUMNS})
    select ${STAGED_MEMBER} from ${unpackedRows(rows)} order by ord
    returning id, org_unit_id, employer_id, joined_on)
  ${FIRST_SPANS}`;

const stagedRows = (importId: number, rows: PackedRows) => sql`
  insert into member_import_row (import_id, ${stagedColumnNames})
  select ${importId}, ${stagedColumnNames} from ${unpackedRows(rows)}`;

/** Inserts every staged new member of an import, in file order. */
async function createMembers(trx: Trx, importId: number): Promise<void> {
  await sql`
    with created as (
      insert into member (${MEMBER_COLUMNS})
      select ${STAGED_MEMBER} from member_import_row
      where import_id = ${importId} and member_id is null order by row_no
      returning id, org_unit_id, employer_id, joined_on)
    ${FIRST_SPANS}`.execute(trx);
}

/** What the staged batches of an import added up to. */
interface Staged {
  created: number;
  /** Employers of the new members. */
  employers: Set<number>;
}

/** Updates the staged existing members, keeps the tallies current, clears staging and records the import. */
async function finish(
  trx: Trx,
  importId: number,
  scopePath: string,
  createdBy: number | null,
  staged: Staged,
  date: string,
): Promise<ImportSummary> {
  const existing = await sql<{ n: number }>`
    select count(*)::int as n from member_import_row where import_id = ${importId} and member_id is not null`.execute(
    trx,
  );
  // Memberships the import moves (employer changes), on both employers' side; new ones are counted as staged.
  const moved = await sql<{ employer_id: number }>`
    select distinct e as employer_id from (
      select unnest(array[m.employer_id, r.employer_id]) from member_import_row r join member m on m.id = r.member_id
      where r.import_id = ${importId} and m.employer_id is distinct from r.employer_id
    ) x(e) where e is not null`.execute(trx);
  // Employer changes close the open span and open a new one dated today, before the row is updated.
  await sql`
    update member_history h set valid_to = ${date}
    from member_import_row r join member m on m.id = r.member_id
    where r.import_id = ${importId} and h.member_id = m.id and h.valid_to is null
      and m.employer_id is distinct from r.employer_id`.execute(trx);
  await sql`
    insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
    select m.id, m.org_unit_id, r.employer_id, m.status, ${date}, 'import'
    from member_import_row r join member m on m.id = r.member_id
    where r.import_id = ${importId} and m.employer_id is distinct from r.employer_id`.execute(trx);
  const updated = await sql`
    update member m set
      name = r.name, name_pinyin = r.name_pinyin, name_initials = r.name_initials,
      phone_cipher = case when r.phone_hash is not distinct from m.phone_hash then m.phone_cipher else r.phone_cipher end,
      phone_hash = r.phone_hash, ethnicity = r.ethnicity, education = r.education,
      household_type = r.household_type, migrant_worker = r.migrant_worker,
      new_employment_form = r.new_employment_form, employer_id = r.employer_id, updated_at = now()
    from member_import_row r
    where r.import_id = ${importId} and r.member_id = m.id
      and (m.name, m.phone_hash, m.ethnicity, m.education, m.household_type, m.migrant_worker,
           m.new_employment_form, m.employer_id)
        is distinct from (r.name, r.phone_hash, r.ethnicity, r.education, r.household_type, r.migrant_worker,
           r.new_employment_form, r.employer_id)`.execute(trx);
  await tallyRepository.rebuildForEmployers(trx, [
    ...staged.employers,
    ...moved.rows.map((r) => r.employer_id),
  ]);
  const n = existing.rows[0].n;
  const changed = Number(updated.numAffectedRows ?? 0);
  const summary = { created: staged.created, updated: changed, unchanged: n - changed, errors: 0 };
  await trx.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
  await trx.deleteFrom('member_import_chunk').where('import_id', '=', importId).execute();
  await trx
    .updateTable('member_import')
    .set({ status: 'done', summary: JSON.stringify(summary), finished_at: new Date() })
    .where('id', '=', importId)
    .execute();
  const user = createdBy
    ? await trx
        .selectFrom('app_user')
        .select(['id', 'username', 'org_unit_id'])
        .where('id', '=', createdBy)
        .executeTakeFirst()
    : undefined;
  await audit(
    trx,
    user
      ? { userId: user.id, username: user.username, orgUnitId: user.org_unit_id, clientAddress: null }
      : null,
    { action: 'member.import', entityType: 'member_import', entityId: importId, scopePath, after: summary },
  );
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
  readonly #staged: Staged = { created: 0, employers: new Set() };

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly importId: number,
    readonly onServer: boolean,
  ) {}

  static async open(db: Kysely<Database>, importId: number): Promise<ImportApply> {
    const apply = new ImportApply(db, importId, await serverHasConnections(db));
    if (apply.onServer) apply.#trx = await db.startTransaction().execute();
    return apply;
  }

  /**
   * Writes a checked batch: on a server its new members go straight into the open transaction and only
   * changes to existing members are staged; on the embedded database every row is staged.
   */
  async stage(batch: CheckedBatch): Promise<void> {
    this.#staged.created += batch.fresh.count;
    for (const id of batch.freshEmployers) this.#staged.employers.add(id);
    const trx = this.#trx;
    if (!trx) {
      for (const rows of [batch.fresh, batch.existing])
        if (rows.count > 0) await stagedRows(this.importId, rows).execute(this.db);
      return;
    }
    await this.#guard(async () => {
      if (batch.fresh.count > 0) await freshMembers(batch.fresh).execute(trx);
      if (batch.existing.count > 0) await stagedRows(this.importId, batch.existing).execute(trx);
    });
  }

  /** Applies what is left and commits; the summary of the import. */
  async commit(scopePath: string, createdBy: number | null, date: string): Promise<ImportSummary> {
    const staged = this.#staged;
    const trx = this.#trx;
    if (!trx) {
      return this.#guard(() =>
        this.db.transaction().execute(async (t) => {
          await createMembers(t, this.importId);
          return finish(t, this.importId, scopePath, createdBy, staged, date);
        }),
      );
    }
    const summary = await this.#guard(() => finish(trx, this.importId, scopePath, createdBy, staged, date));
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
