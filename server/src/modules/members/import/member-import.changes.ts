import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import { ROW_SETS } from './member-import.check.ts';
import { arrayLiteral } from './member-import.rows.ts';

type Trx = Transaction<Database>;

/** What every write of one import carries: its audit entry, the note of its history spans, who ran it. */
export interface ImportMark {
  importId: number;
  /** The import's own audit entry; the entries of its members point at it. */
  auditId: number;
  /** The note of the history spans it opens: names the import. */
  note: string;
  actor: AuditActor | null;
  date: string;
}

/** Actions of the audit entries an import writes for its members (labelled in contracts/audit.ts). */
const CREATE = { action: 'member.import_create' } as const;
const UPDATE = { action: 'member.import_update' } as const;

const LIVE = sql`('active', 'retired', 'unemployed')`;

/** A column's new value: the row's when its cell was filled, else the member's own (an empty cell keeps it). */
const fromCell = (column: string, bit: number) =>
  sql.raw(`(case when r.set_mask & ${bit} <> 0 then r.${column} else m.${column} end)`);

const NEW = {
  phoneHash: fromCell('phone_hash', ROW_SETS.phone),
  // A phone that did not change keeps its stored ciphertext.
  phoneCipher: sql.raw(
    `(case when r.set_mask & ${ROW_SETS.phone} <> 0 and r.phone_hash is distinct from m.phone_hash then r.phone_cipher else m.phone_cipher end)`,
  ),
  ethnicity: fromCell('ethnicity', ROW_SETS.ethnicity),
  education: fromCell('education', ROW_SETS.education),
  householdType: fromCell('household_type', ROW_SETS.householdType),
  migrantWorker: fromCell('migrant_worker', ROW_SETS.migrantWorker),
  newEmploymentForm: fromCell('new_employment_form', ROW_SETS.newEmploymentForm),
  employerId: fromCell('employer_id', ROW_SETS.employer),
};

/** What the audit keeps of a member: masked ID, never the phone, which is kept sealed for an undo only. */
const memberView = (m: string, v: Record<keyof typeof NEW | 'name', RawBuilder<unknown>> | null) =>
  v
    ? sql`jsonb_build_object('name', ${v.name}, 'residentId', r.resident_id_masked,
        'orgUnitId', ${sql.ref(`${m}.org_unit_id`)}, 'employerId', ${v.employerId}, 'ethnicity', ${v.ethnicity},
        'education', ${v.education}, 'householdType', ${v.householdType}, 'migrantWorker', ${v.migrantWorker},
        'newEmploymentForm', ${v.newEmploymentForm}, 'phoneChanged', ${v.phoneHash} is distinct from m.phone_hash)`
    : sql`jsonb_build_object('name', m.name, 'residentId', r.resident_id_masked, 'orgUnitId', m.org_unit_id,
        'employerId', m.employer_id, 'ethnicity', m.ethnicity, 'education', m.education,
        'householdType', m.household_type, 'migrantWorker', m.migrant_worker,
        'newEmploymentForm', m.new_employment_form, 'status', m.status)`;

const auditColumns = sql`user_id, username, actor_org_unit_id, scope_path, action, entity_type, entity_id,
  before, after, client_address, parent_id`;
const actorValues = (a: AuditActor | null) =>
  sql`${a?.userId || null}::int, ${a?.username ?? null}::text, ${a?.orgUnitId ?? null}::int`;

/** Which staged rows of existing members an apply takes: the rows not held, or named held rows. */
export type RowsToApply = { held: false; acceptNames: boolean } | { held: true; rowNos: number[] };

const rowFilter = (importId: number, which: RowsToApply) =>
  which.held
    ? sql`r.import_id = ${importId} and r.hold = 'name' and r.row_no = any(${sql.val(which.rowNos)}::int[])`
    : which.acceptNames
      ? sql`r.import_id = ${importId} and r.member_id is not null`
      : sql`r.import_id = ${importId} and r.member_id is not null and r.hold is null`;

/**
 * Applies the staged rows of existing members, set-wise: a row changes only its member in its own union
 * while the membership is live, and only the columns whose cells it filled. Every member changed keeps its
 * values from before (for an undo), gets a history span naming the import and an audit entry with before
 * and after under the import's own. The employers whose tallies change, and how many members changed.
 */
export async function applyChanges(
  trx: Trx,
  mark: ImportMark,
  which: RowsToApply,
): Promise<{ updated: number; employers: number[] }> {
  const { importId } = mark;
  const recorded = await sql`
    insert into member_import_change (import_id, member_id, kind, before, before_phone_cipher, before_phone_hash, stamp)
    select ${importId}, m.id, 'updated',
      jsonb_build_object('name', m.name, 'namePinyin', m.name_pinyin, 'nameInitials', m.name_initials,
        'ethnicity', m.ethnicity, 'education', m.education, 'householdType', m.household_type,
        'migrantWorker', m.migrant_worker, 'newEmploymentForm', m.new_employment_form,
        'employerId', m.employer_id),
      m.phone_cipher, m.phone_hash, now()
    from member_import_row r join member m on m.id = r.member_id
    where ${rowFilter(importId, which)} and m.org_unit_id = r.org_unit_id and m.status in ${LIVE}
      and (m.name, m.phone_hash, m.ethnicity, m.education, m.household_type, m.migrant_worker,
           m.new_employment_form, m.employer_id)
        is distinct from (r.name, ${NEW.phoneHash}, ${NEW.ethnicity}, ${NEW.education}, ${NEW.householdType},
           ${NEW.migrantWorker}, ${NEW.newEmploymentForm}, ${NEW.employerId})`.execute(trx);
  const updated = Number(recorded.numAffectedRows ?? 0);
  if (updated === 0) return { updated, employers: [] };
  // The members changed by this statement's transaction, with their rows.
  const changed = sql`member_import_change c
    join member_import_row r on r.import_id = c.import_id and r.member_id = c.member_id
    join member m on m.id = c.member_id
    where c.import_id = ${importId} and c.kind = 'updated' and c.stamp = now()`;
  const moved = await sql<{ employer_id: number }>`
    select distinct e as employer_id from (
      select unnest(array[m.employer_id, ${NEW.employerId}]) from ${changed}
        and m.employer_id is distinct from ${NEW.employerId}) x(e)
    where e is not null`.execute(trx);
  await sql`
    update member_history h set valid_to = ${mark.date}
    from member_import_change c
    where c.import_id = ${importId} and c.kind = 'updated' and c.stamp = now()
      and h.member_id = c.member_id and h.valid_to is null`.execute(trx);
  await sql`
    insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change, note, import_id)
    select m.id, m.org_unit_id, ${NEW.employerId}, m.status, ${mark.date}, 'import', ${mark.note}, ${importId}
    from ${changed}`.execute(trx);
  const after = {
    name: sql`r.name`,
    phoneHash: NEW.phoneHash,
    ethnicity: NEW.ethnicity,
    education: NEW.education,
    householdType: NEW.householdType,
    migrantWorker: NEW.migrantWorker,
    newEmploymentForm: NEW.newEmploymentForm,
    employerId: NEW.employerId,
    phoneCipher: NEW.phoneCipher,
  };
  await sql`
    insert into audit_log (${auditColumns})
    select ${actorValues(mark.actor)}, v.path, ${UPDATE.action}, 'member', m.id::text,
      ${memberView('m', null)}, ${memberView('m', after)}, ${mark.actor?.clientAddress ?? null}::text, ${mark.auditId}::bigint
    from member_import_change c
    join member_import_row r on r.import_id = c.import_id and r.member_id = c.member_id
    join member m on m.id = c.member_id
    join org_unit_version v on v.org_unit_id = m.org_unit_id and v.valid_to is null
    where c.import_id = ${importId} and c.kind = 'updated' and c.stamp = now()`.execute(trx);
  await sql`
    update member m set
      name = r.name, name_pinyin = r.name_pinyin, name_initials = r.name_initials,
      phone_cipher = ${NEW.phoneCipher}, phone_hash = ${NEW.phoneHash}, ethnicity = ${NEW.ethnicity},
      education = ${NEW.education}, household_type = ${NEW.householdType},
      migrant_worker = ${NEW.migrantWorker}, new_employment_form = ${NEW.newEmploymentForm},
      employer_id = ${NEW.employerId}, updated_at = now()
    from member_import_row r join member_import_change c on c.import_id = r.import_id and c.member_id = r.member_id
    where r.import_id = ${importId} and r.member_id = m.id and c.kind = 'updated' and c.stamp = now()`.execute(
    trx,
  );
  return { updated, employers: moved.rows.map((r) => r.employer_id) };
}

/**
 * Inserts new members from `source` (a relation with the staged columns and `ord`, their file order), with
 * their first history span naming the import, an audit entry each under the import's own, and a record of
 * the import having created them. How many were created.
 */
export async function createMembers(
  trx: Trx,
  mark: ImportMark,
  source: RawBuilder<unknown>,
): Promise<number> {
  const { importId } = mark;
  const { rows } = await sql<{ n: number }>`
    with src as (select * from ${source}),
    created as (
      insert into member (name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash,
        resident_id_tail, gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type,
        migrant_worker, new_employment_form, employer_id, org_unit_id, status, status_since, joined_on)
      select name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
        gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
        new_employment_form, employer_id, org_unit_id, 'active', joined_on, joined_on
      from src order by ord
      returning id, name, resident_id_hash, org_unit_id, employer_id, joined_on, ethnicity, education,
        household_type, migrant_worker, new_employment_form),
    spans as (
      insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change, note, import_id)
      select id, org_unit_id, employer_id, 'active', joined_on, 'import', ${mark.note}, ${importId} from created),
    changes as (
      insert into member_import_change (import_id, member_id, kind, stamp)
      select ${importId}, id, 'created', now() from created),
    audited as (
      insert into audit_log (${auditColumns})
      select ${actorValues(mark.actor)}, v.path, ${CREATE.action}, 'member', c.id::text, null,
        jsonb_build_object('name', c.name, 'residentId', s.resident_id_masked, 'orgUnitId', c.org_unit_id,
          'employerId', c.employer_id, 'status', 'active', 'ethnicity', c.ethnicity, 'education', c.education,
          'householdType', c.household_type, 'migrantWorker', c.migrant_worker,
          'newEmploymentForm', c.new_employment_form, 'joinedOn', c.joined_on),
        ${mark.actor?.clientAddress ?? null}::text, ${mark.auditId}::bigint
      from created c join src s on s.resident_id_hash = c.resident_id_hash
      join org_unit_version v on v.org_unit_id = c.org_unit_id and v.valid_to is null)
    select count(*)::int as n from created`.execute(trx);
  return rows[0].n;
}

/** Says in the history of people who had left that the roster enrolled them again. */
export async function noteRejoins(
  trx: Trx,
  importId: number,
  rejoins: Array<{ hash: string; note: string }>,
): Promise<void> {
  if (rejoins.length === 0) return;
  await sql`
    update member_history h set note = h.note || x.note
    from member m, unnest(${arrayLiteral(
      rejoins.map((r) => r.hash),
      'bytea',
    )}::bytea[], ${sql.val(rejoins.map((r) => r.note))}::text[]) x(hash, note)
    where m.resident_id_hash = x.hash and m.status = 'active' and h.member_id = m.id and h.import_id = ${importId}`.execute(
    trx,
  );
}
