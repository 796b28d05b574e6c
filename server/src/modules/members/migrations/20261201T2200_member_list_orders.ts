import { sql, type Kysely } from 'kysely';

const orders = [
  // A union's members by id, read from the index alone: a town's roster page sorts the ids of its ten
  // thousand members, not their whole rows.
  ['member_org_id', 'org_unit_id, id'],
  // Each order the roster can be sorted by, with its tie-break, so a city-wide page walks an index instead
  // of sorting three million rows (the name index for searches keeps its pattern order, which a sort
  // cannot use).
  ['member_name_order', 'name, id'],
  ['member_joined_order', 'joined_on, id'],
  ['member_birth_order', 'birth_date, id'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of orders) {
    await sql`create index ${sql.id(name)} on member (${sql.raw(columns)})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of orders) await sql`drop index ${sql.id(name)}`.execute(db);
}
