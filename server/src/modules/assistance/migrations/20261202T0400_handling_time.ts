import { sql, type Kysely } from 'kysely';
import { workingDaysBetween } from '../clocks/clock.definitions.ts';

/**
 * A closed case keeps its handling time in working days on the State Council calendar, so the dashboard's
 * median is one percentile over an index instead of a walk over every closed case in the app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assistance_case add column handling_working_days integer check (handling_working_days >= 0)`.execute(
    db,
  );
  const closed = await sql<{ id: number; received: string; closed: string }>`
    select id, to_char(received_on, 'YYYY-MM-DD') as received, to_char(closed_on, 'YYYY-MM-DD') as closed
    from assistance_case where closed_on is not null`.execute(db);
  for (const c of closed.rows)
    await sql`update assistance_case set handling_working_days = ${workingDaysBetween(c.received, c.closed)}
      where id = ${c.id}`.execute(db);
  await sql`create index assistance_case_closed on assistance_case (closed_on) include (handling_working_days)
    where closed_on is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index assistance_case_closed`.execute(db);
  await sql`alter table assistance_case drop column handling_working_days`.execute(db);
}
