import { sql, type Kysely } from 'kysely';
import { refreshNameSortKeys } from '../registry/name-sort.ts';

const BATCH = 5000;

/**
 * The register's default order is the names' pinyin (as a cadre looks a firm up in a printed list), so
 * each employer keeps its name's sort key, written with every insert and rename, under an index with the
 * id as tie-break: a city-wide first page walks the index instead of sorting 300,000 names. The keys of
 * the employers already there are filled here, in batches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table employer add column name_sort text collate "C" not null default ''`.execute(db);
  let lastId = 0;
  for (;;) {
    const { rows } = await sql<{ id: number }>`
      select id from employer where id > ${lastId} order by id limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    await refreshNameSortKeys(
      db,
      rows.map((r) => r.id),
    );
    lastId = rows[rows.length - 1].id;
  }
  await sql`create index employer_name_sort_order on employer (name_sort, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index employer_name_sort_order`.execute(db);
  await sql`alter table employer drop column name_sort`.execute(db);
}
