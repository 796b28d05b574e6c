import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { visibleImport } from '../../../platform/imports/import.scope.ts';
import { undoImport } from '../../../platform/imports/import.undo.ts';
import { inScope } from '../../../platform/scope.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { statusesOf } from './employer-import.apply.ts';
import { refreshNameSortKeys } from '../registry/name-sort.ts';

type Trx = Transaction<Database>;

/** What an undo's entry shows of an employer, before and after. */
const employerView = (e: string) =>
  sql.raw(`jsonb_build_object('name', ${e}.name, 'creditCode', ${e}.credit_code,
    'unitCategory', ${e}.unit_category, 'industryCode', ${e}.industry_code, 'employees', ${e}.employees,
    'aboveScale', ${e}.above_scale, 'orgUnitId', ${e}.org_unit_id, 'address', ${e}.address,
    'contactName', ${e}.contact_name, 'contactPhone', ${e}.contact_phone, 'registeredOn', ${e}.registered_on,
    'unionStatus', ${e}.union_status, 'partyStatus', ${e}.party_status, 'instructorName', ${e}.instructor_name)`);

/** The employer columns an undo puts back (all but its id and its creation). */
const RESTORED = [
  'name',
  'name_initials',
  'unit_category',
  'industry_code',
  'employees',
  'above_scale',
  'org_unit_id',
  'grassroots_union_id',
  'address',
  'contact_name',
  'contact_phone',
  'union_status',
  'party_status',
  'instructor_name',
  'registered_on',
  'closed_on',
] as const;

/**
 * Undoes an applied employer import as a whole: employers it registered are removed (with the
 * grassroots unions it founded for them), employers it changed get their values and status history from
 * before back. Refused, naming the employers in the caller's scope, while any of them changed since (an
 * edit, a status change, a later import, members or campaigns now pointing at a new one). Audited, each
 * employer under the undo's own entry.
 */
export async function undoEmployerImport(db: Kysely<Database>, actor: Actor, id: number) {
  return db.transaction().execute(async (trx) => {
    const { imp, scope } = await visibleImport(trx, actor, (s) =>
      trx
        .selectFrom('employer_import')
        .select(['id', 'scope_path', 'audit_id', 'undone_at', 'result'])
        .where('id', '=', id)
        .where(inScope('scope_path', s))
        .forUpdate()
        .executeTakeFirst(),
    );
    if (imp.undone_at) throw conflict('该导入已撤销');
    if (imp.audit_id === null) throw conflict('只有已写入数据的导入可以撤销');
    const blockers = await sql<{ id: number; name: string; credit_code: string; in_scope: boolean }>`
      select e.id, e.name, e.credit_code, ${inScope('v.path', scope)} as in_scope
      from employer_import_change c join employer e on e.id = c.employer_id
      join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
      where c.import_id = ${id} and (
        e.updated_at is distinct from c.stamp
        or ${statusesOf(sql.ref('e.id'))}::jsonb is distinct from c.after_statuses
        -- A new employer is gone only while nothing else points at it.
        or (c.kind = 'created' and (
          exists (select 1 from member m where m.employer_id = e.id)
          or exists (select 1 from member_history h where h.employer_id = e.id)
          or exists (select 1 from member_transfer t where t.to_employer_id = e.id)
          or exists (select 1 from member_import_held x where x.employer_id = e.id)
          or exists (select 1 from formation_campaign_employer f where f.employer_id = e.id)
          or exists (select 1 from collective_agreement_employer a where a.employer_id = e.id)))
        -- A union it founded goes too, while it has no members, accounts or units below it.
        or (c.founded_union_id is not null and (
          exists (select 1 from member m where m.org_unit_id = c.founded_union_id)
          or exists (select 1 from member_history h where h.org_unit_id = c.founded_union_id)
          or exists (select 1 from app_user u where u.org_unit_id = c.founded_union_id)
          or exists (select 1 from org_unit_version x where x.parent_id = c.founded_union_id)))
      )
      order by e.id for update of e`.execute(trx);
    return undoImport(trx, actor, {
      action: 'employer.import_undo',
      entityType: 'employer_import',
      importId: id,
      scopePath: imp.scope_path,
      before: imp.result,
      blockers: blockers.rows.map((b) => ({
        id: b.id,
        label: `${b.name}（${b.credit_code}）`,
        inScope: b.in_scope,
      })),
      wording: { counter: '家', noun: '单位', gone: '已不在本辖区', detailsKey: 'employerIds' },
      revert: (auditId) => revert(trx, actor, id, auditId),
    });
  });
}

async function revert(trx: Trx, actor: Actor, id: number, auditId: number) {
  const units = await sql<{ u: number }>`
    select distinct u from (
      select e.org_unit_id as u from employer_import_change c join employer e on e.id = c.employer_id
      where c.import_id = ${id}
      union all
      select (c.before->>'org_unit_id')::int from employer_import_change c
      where c.import_id = ${id} and c.kind = 'updated'
    ) x`.execute(trx);
  await sql`
    insert into audit_log (user_id, username, actor_org_unit_id, scope_path, action, entity_type, entity_id,
      before, after, client_address, parent_id)
    select ${actor.userId || null}::int, ${actor.username}::text, ${actor.orgUnitId}::int, v.path,
      'employer.import_undo_employer', 'employer', e.id::text, ${employerView('e')},
      case when c.kind = 'created' then jsonb_build_object('removed', true) else (
        select ${employerView('b')} from jsonb_populate_record(null::employer, c.before) b) end,
      ${actor.clientAddress}::text, ${auditId}::bigint
    from employer_import_change c join employer e on e.id = c.employer_id
    join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
    where c.import_id = ${id}`.execute(trx);
  // Changed employers: their row and their status history as they were.
  const columns = sql.raw(RESTORED.join(', '));
  const values = sql.raw(RESTORED.map((c) => `b.${c}`).join(', '));
  await sql`
    update employer e set (${columns}, updated_at) = (
      select ${values}, now() from jsonb_populate_record(null::employer, c.before) b)
    from employer_import_change c
    where c.import_id = ${id} and c.kind = 'updated' and e.id = c.employer_id`.execute(trx);
  // The sort key follows the restored name (an import kept before the key existed holds none).
  const renamed = await sql<{ id: number }>`
    select employer_id as id from employer_import_change
    where import_id = ${id} and kind = 'updated'`.execute(trx);
  await refreshNameSortKeys(
    trx,
    renamed.rows.map((r) => r.id),
  );
  await sql`
    delete from employer_status_change s using employer_import_change c
    where c.import_id = ${id} and s.employer_id = c.employer_id`.execute(trx);
  await sql`
    insert into employer_status_change
    select r.* from employer_import_change c,
      jsonb_populate_recordset(null::employer_status_change, c.before_statuses) r
    where c.import_id = ${id} and c.kind = 'updated' and c.before_statuses is not null`.execute(trx);
  // New employers go, and the unions founded for them (or for a changed one) with them.
  const removed = await sql`
    delete from employer e using employer_import_change c
    where c.import_id = ${id} and c.kind = 'created' and e.id = c.employer_id`.execute(trx);
  const founded = await sql<{ u: number }>`
    select founded_union_id as u from employer_import_change
    where import_id = ${id} and founded_union_id is not null`.execute(trx);
  const unions = founded.rows.map((r) => r.u);
  if (unions.length > 0) {
    await sql`
      insert into audit_log (user_id, username, actor_org_unit_id, scope_path, action, entity_type, entity_id,
        before, client_address, parent_id)
      select ${actor.userId || null}::int, ${actor.username}::text, ${actor.orgUnitId}::int, v.path,
        'employer.import_undo_union', 'org_unit', v.org_unit_id::text, jsonb_build_object('name', v.name),
        ${actor.clientAddress}::text, ${auditId}::bigint
      from org_unit_version v
      where v.org_unit_id = any(${sql.val(unions)}::int[]) and v.valid_to is null`.execute(trx);
    await sql`delete from org_unit_version where org_unit_id = any(${sql.val(unions)}::int[])`.execute(trx);
    await sql`delete from org_unit where id = any(${sql.val(unions)}::int[])`.execute(trx);
  }
  await tallyRepository.rebuild(
    trx,
    units.rows.map((r) => r.u),
  );
  const restored = await trx
    .selectFrom('employer_import_change')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', id)
    .where('kind', '=', 'updated')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('employer_import')
    .set({ undone_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  return { removed: Number(removed.numAffectedRows ?? 0), restored: Number(restored.n) };
}
