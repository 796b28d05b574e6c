import { sql, type Kysely } from 'kysely';

/** A placement's three-month follow-up: when it was done, whether the person is still employed, and why not. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table job_placement add column followed_up_on date`.execute(db);
  await sql`alter table job_placement add column still_employed boolean`.execute(db);
  await sql`alter table job_placement add column follow_up_note text`.execute(db);
  await sql`create index job_placement_follow_up_due on job_placement (follow_up_due) where followed_up_on is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index job_placement_follow_up_due`.execute(db);
  for (const c of ['follow_up_note', 'still_employed', 'followed_up_on'])
    await sql`alter table job_placement drop column ${sql.ref(c)}`.execute(db);
}
