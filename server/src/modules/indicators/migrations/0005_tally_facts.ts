import { sql, type Kysely } from 'kysely';

const newFacts = ['unionised_members', 'wage_covered', 'wage_covered_employees'];
const allFacts = [
  'in_scope',
  'unionised',
  'own_union',
  'above_scale',
  'above_scale_independent',
  'party_org',
  'party_work',
  'unionised_employees',
  ...newFacts,
];

/**
 * More counted facts in the per-unit tallies: active members of unionised employers (入会率) and unionised
 * employers under a wage agreement in force, with their employees (工资集体协商建制率). Each locality
 * unit also keeps its latest tally beside it, so "as of today" reads one row per unit with no lookup
 * into the dated tallies. The dated tallies are derived rows, rewritten together with their unit:
 * checking each one's unit against org_unit took a fifth of a city-wide rebuild, so that check goes.
 * Existing rows are filled when the tallies are next rebuilt (their version changes with this).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table employer_tally drop constraint employer_tally_org_unit_id_fkey`.execute(db);
  for (const f of newFacts) {
    await sql`alter table employer_tally add column ${sql.ref(f)} bigint not null default 0`.execute(db);
  }
  await sql`alter table employer_locality add column last_day date`.execute(db);
  for (const f of allFacts) {
    await sql`alter table employer_locality add column ${sql.ref(f)} bigint not null default 0`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const f of ['last_day', ...allFacts]) {
    await sql`alter table employer_locality drop column ${sql.ref(f)}`.execute(db);
  }
  for (const f of newFacts) {
    await sql`alter table employer_tally drop column ${sql.ref(f)}`.execute(db);
  }
  await sql`alter table employer_tally add foreign key (org_unit_id) references org_unit(id)`.execute(db);
}
