import { sql, type Kysely } from 'kysely';

/**
 * Each order the register can be sorted by, with the id as its tie-break, so that a city-wide page walks
 * an index (either way) instead of sorting every firm; the name's order has its index already. The open
 * firms of each locality, from the index alone, for the list's count.
 */
const orders = [
  ['employer_open_unit', '(org_unit_id) where closed_on is null'],
  ['employer_employees_order', '(employees, id)'],
  ['employer_registered_order', '(registered_on, id)'],
  ['employer_updated_order', '(updated_at, id)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, definition] of orders) {
    await sql`create index ${sql.id(name)} on employer ${sql.raw(definition)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of orders) await sql`drop index ${sql.id(name)}`.execute(db);
}
