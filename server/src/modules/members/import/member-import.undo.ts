import { auditScopeOfUnit } from '../../../platform/audit/audit.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { registryNumber } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { visibleImport } from './member-import-held.service.ts';
import { inScope } from '../../../platform/scope.ts';
import { undoImport } from '../../../platform/imports/import.undo.ts';

/** Actions of the undo's audit entries (labelled in contracts/audit.ts). */
const UNDO = { action: 'member.import_undo' } as const;
const UNDO_MEMBER = { action: 'member.import_undo_member' } as const;

/**
 * Undoes a finished import as a whole: members it created are removed, members it changed get their
 * values from before back (the phone as it was sealed), its history spans go and the spans they closed
 * reopen. Refused, naming the rows, while any of its members changed since (an edit, a transfer, a later
 * import). Audited, each member under the undo's own entry.
 */
export async function undoMemberImport(db: Kysely<Database>, actor: Actor, id: number) {
  return db.transaction().execute(async (trx) => {
    const { imp, scope } = await visibleImport(trx, actor, id, true);
    if (imp.status !== 'done') throw conflict('只有已完成的导入可以撤销');
    const blockers = await sql<{ member_id: number; name: string; in_scope: boolean }>`
      select m.id as member_id, m.name, ${inScope('v.path', scope)} as in_scope
      from member_import_change c join member m on m.id = c.member_id
      join org_unit_version v on v.org_unit_id = m.org_unit_id and v.valid_to is null
      where c.import_id = ${id}
        and (m.updated_at <> c.stamp
          or exists (select 1 from member_transfer t where t.member_id = m.id and t.created_at >= c.stamp))
      order by m.id for update of m`.execute(trx);
    const unionPath = await auditScopeOfUnit(trx, imp.org_unit_id);
    return undoImport(trx, actor, {
      action: UNDO.action,
      entityType: 'member_import',
      importId: id,
      scopePath: unionPath,
      before: imp.summary,
      blockers: blockers.rows.map((b) => ({
        id: b.member_id,
        label: `${registryNumber(b.member_id)} ${b.name}`,
        inScope: b.in_scope,
      })),
      wording: { counter: '名', noun: '会员', gone: '已转出本辖区', detailsKey: 'memberIds' },
      revert: (auditId) => revert(trx, actor, id, auditId),
    });
  });
}

/** Puts every member of the import back as it was, each audited under the undo's own entry. */
async function revert(trx: Transaction<Database>, actor: Actor, id: number, auditId: number) {
  const employers = await sql<{ e: number }>`
      select distinct e from (
        select m.employer_id as e from member_import_change c join member m on m.id = c.member_id where c.import_id = ${id}
        union all
        select (c.before->>'employerId')::int from member_import_change c where c.import_id = ${id} and c.kind = 'updated'
      ) x where e is not null`.execute(trx);
  await sql`
      insert into audit_log (user_id, username, actor_org_unit_id, scope_path, action, entity_type, entity_id,
        before, after, client_address, parent_id)
      select ${actor.userId || null}::int, ${actor.username}::text, ${actor.orgUnitId}::int, v.path, ${UNDO_MEMBER.action},
        'member', m.id::text,
        jsonb_build_object('name', m.name, 'orgUnitId', m.org_unit_id, 'employerId', m.employer_id,
          'ethnicity', m.ethnicity, 'education', m.education, 'householdType', m.household_type,
          'migrantWorker', m.migrant_worker, 'newEmploymentForm', m.new_employment_form),
        case when c.kind = 'created' then jsonb_build_object('removed', true)
          else c.before - 'namePinyin' - 'nameInitials' end,
        ${actor.clientAddress}::text, ${auditId}::bigint
      from member_import_change c join member m on m.id = c.member_id
      join org_unit_version v on v.org_unit_id = m.org_unit_id and v.valid_to is null
      where c.import_id = ${id}`.execute(trx);
  await sql`
      update member m set
        name = c.before->>'name', name_pinyin = c.before->>'namePinyin', name_initials = c.before->>'nameInitials',
        ethnicity = c.before->>'ethnicity', education = c.before->>'education',
        household_type = c.before->>'householdType', migrant_worker = (c.before->>'migrantWorker')::boolean,
        new_employment_form = (c.before->>'newEmploymentForm')::boolean,
        employer_id = (c.before->>'employerId')::int,
        phone_cipher = c.before_phone_cipher, phone_hash = c.before_phone_hash, updated_at = now()
      from member_import_change c
      where c.import_id = ${id} and c.kind = 'updated' and c.member_id = m.id`.execute(trx);
  await trx.deleteFrom('member_history').where('import_id', '=', id).execute();
  // The spans the import closed reopen: after it, nothing else touched these members.
  await sql`
      update member_history h set valid_to = null
      from member_import_change c
      where c.import_id = ${id} and c.kind = 'updated' and h.member_id = c.member_id
        and h.id = (select max(x.id) from member_history x where x.member_id = c.member_id)`.execute(trx);
  await sql`
      delete from member_history h using member_import_change c
      where c.import_id = ${id} and c.kind = 'created' and h.member_id = c.member_id`.execute(trx);
  const removed = await sql`
      delete from member m using member_import_change c
      where c.import_id = ${id} and c.kind = 'created' and m.id = c.member_id`.execute(trx);
  await tallyRepository.rebuildForEmployers(
    trx,
    employers.rows.map((r) => r.e),
  );
  const restored = await trx
    .selectFrom('member_import_change')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', id)
    .where('kind', '=', 'updated')
    .executeTakeFirstOrThrow();
  await trx.deleteFrom('member_import_row').where('import_id', '=', id).execute();
  await trx.deleteFrom('member_import_held').where('import_id', '=', id).where('kind', '=', 'name').execute();
  await trx.updateTable('member_import').set({ status: 'undone' }).where('id', '=', id).execute();
  return { removed: Number(removed.numAffectedRows ?? 0), restored: Number(restored.n) };
}
