import { sql, type Kysely } from 'kysely';

/**
 * Indexes of the ranked matching's candidate search: the skills and wished trades of the seekers still
 * looking for work (the only ones matched), so a position finds those sharing its trade and a skill by
 * intersecting two small indexes instead of scoring every seeker (the index of every seeker's wishes, which
 * nothing else reads, gives way to it); and the positions' suited groups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const looking = sql`status in ('registered', 'recommended', 'left')`;
  await sql`create index job_seeker_looking_wishes on job_seeker using gin (wished_categories) where ${looking}`.execute(
    db,
  );
  await sql`create index job_seeker_looking_skills on job_seeker using gin (skills) where ${looking}`.execute(
    db,
  );
  await sql`drop index job_seeker_wishes`.execute(db);
  await sql`create index job_position_suitability on job_position using gin (suitability)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['job_position_suitability', 'job_seeker_looking_skills', 'job_seeker_looking_wishes'])
    await sql`drop index ${sql.ref(i)}`.execute(db);
  await sql`create index job_seeker_wishes on job_seeker using gin (wished_categories)`.execute(db);
}
