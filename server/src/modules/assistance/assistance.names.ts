import { sql } from 'kysely';
import { maskName } from '@gonghui/contracts';
import { namesIn, type AuditTargetReader } from '../../platform/audit/audit-names.ts';

/**
 * How the audit log names the centre's records: a case by its number, a handler and a plan by name, a
 * household's archive by its head (masked, with 户), a claim by the member it pays (masked).
 */
export const assistanceAuditTargets: Record<string, AuditTargetReader> = {
  assistance_case: namesIn('assistance_case', 'number'),
  case_handler: namesIn('case_handler', 'name'),
  insurance_plan: namesIn('insurance_plan', 'name'),
  hardship_archive: async (db, ids) => {
    const { rows } = await sql<{ id: number; name: string }>`
      select archive_id as id, name from hardship_member
      where relation = 'head' and archive_id in (${sql.join(ids)})`.execute(db);
    return rows.map((r) => ({ id: r.id, name: `${maskName(r.name)}户` }));
  },
  insurance_claim: async (db, ids) => {
    const { rows } = await sql<{ id: number; name: string }>`
      select c.id, m.name from insurance_claim c
      join insurance_enrolment e on e.id = c.enrolment_id
      join member m on m.id = e.member_id
      where c.id in (${sql.join(ids)})`.execute(db);
    return rows.map((r) => ({ id: r.id, name: maskName(r.name) }));
  },
};
