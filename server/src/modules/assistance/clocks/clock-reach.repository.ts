import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * Rewrites the `case_clock` rows of one case (or of every case, for null): a running clock is seen by each
 * unit on the case's handling chain and by every unit above them (the segments of their latest paths),
 * exactly the units whose scope the case is visible in.
 */
export async function syncCaseClocks(db: QueryExecutorProvider, caseId: number | null): Promise<void> {
  const only = caseId === null ? sql`` : sql`and c.id = ${caseId}`;
  await sql`delete from case_clock where ${caseId === null ? sql`true` : sql`case_id = ${caseId}`}`.execute(
    db,
  );
  await sql`
    insert into case_clock (org_unit_id, due_on, case_id)
    select distinct a.id::int, c.due_on, c.id
    from assistance_case c
    join assistance_case_unit cu on cu.case_id = c.id
    join org_unit_version cv on cv.org_unit_id = cu.org_unit_id
      and not exists (select 1 from org_unit_version w where w.org_unit_id = cv.org_unit_id and w.valid_from > cv.valid_from)
    cross join lateral unnest(string_to_array(trim(both '/' from cv.path), '/')) as a(id)
    where c.closed_on is null and c.paused_since is null and c.due_on is not null ${only}`.execute(db);
}
