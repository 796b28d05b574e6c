import { sql, type Kysely } from 'kysely';

/**
 * An applied employer import can be undone: it keeps, for every employer it created or changed, the
 * values from before and the employer's status history from before, with a stamp of how it left the
 * employer, so an undo can tell whether anything touched it since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table employer_import add column audit_id bigint`.execute(db);
  await sql`alter table employer_import add column undone_at timestamptz`.execute(db);
  // What the applied import did, kept with it: a rerun of its job after a crash answers the same.
  await sql`alter table employer_import add column result jsonb`.execute(db);
  await sql`
    create table employer_import_change (
      import_id integer not null references employer_import(id) on delete cascade,
      employer_id integer not null,
      kind text not null check (kind in ('created', 'updated')),
      before jsonb,
      before_statuses jsonb,
      after_statuses jsonb,
      founded_union_id integer,
      stamp timestamptz,
      primary key (import_id, employer_id)
    )`.execute(db);
  await sql`create index employer_import_change_employer on employer_import_change (employer_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists employer_import_change`.execute(db);
  await sql`alter table employer_import drop column if exists result`.execute(db);
  await sql`alter table employer_import drop column if exists undone_at`.execute(db);
  await sql`alter table employer_import drop column if exists audit_id`.execute(db);
}
