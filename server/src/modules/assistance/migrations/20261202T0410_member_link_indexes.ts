import { sql, type Kysely } from 'kysely';

/**
 * Indexes on the two links from assistance to the member registry: a member's cases and insurance
 * enrolments are found by them, and without them every change of a member's row scans both tables to check
 * the link (removing 39,000 trial members took 5 s in those checks alone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index assistance_person_member on assistance_person (member_id) where member_id is not null`.execute(
    db,
  );
  await sql`create index insurance_enrolment_member on insurance_enrolment (member_id)`.execute(db);
}
