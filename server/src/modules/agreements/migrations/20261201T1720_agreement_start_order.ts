import { sql, type Kysely } from 'kysely';

/** The list's default order (latest start first, then id) read straight from an index, a page at a time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index collective_agreement_starts on collective_agreement (starts_on desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index collective_agreement_starts`.execute(db);
}
