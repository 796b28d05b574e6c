import { sql, type Kysely } from 'kysely';
import { syncCaseClocks } from '../clocks/clock-reach.repository.ts';

/**
 * The running clocks by the units that see them: one row per open, unpaused case with a due date and per
 * unit on or above its handling chain, so the overdue list and the workbench count of a unit read one
 * index range instead of testing every open case's chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_clock (
      org_unit_id integer not null,
      due_on date not null,
      case_id integer not null references assistance_case(id),
      primary key (org_unit_id, due_on, case_id)
    )`.execute(db);
  await sql`create index case_clock_case on case_clock (case_id)`.execute(db);
  await syncCaseClocks(db, null);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_clock`.execute(db);
}
