import { sql, type Kysely } from 'kysely';

/**
 * A name search inside a town or a district reads the names of its unions' members only. With one index
 * per column the planner combined every member of that name in the city with each union's members, once
 * per union (王 in 董浜镇 took over half a second at city scale); one index on both reads just the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index member_org_name on member (org_unit_id, name text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index member_org_name`.execute(db);
}
