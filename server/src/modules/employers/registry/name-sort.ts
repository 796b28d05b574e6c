import { sql, type QueryExecutorProvider } from 'kysely';
import { pinyin } from 'pinyin-pro';

/**
 * The key the register sorts names by: their pinyin, syllable by syllable (董浜镇 → "dong bang zhen"),
 * then the name itself so two names that read alike keep one order. Compared byte by byte (the column's
 * collation is "C"), a space sorts before any letter, so 东方 comes before 东坊 and both before 董浜.
 */
export function nameSortKey(name: string): string {
  const syllables = pinyin(name, { toneType: 'num', type: 'array', nonZh: 'consecutive' })
    .join(' ')
    .toLowerCase();
  // A tab sorts before the space between syllables: a name that reads as the start of another comes first.
  return `${syllables}\t${name}`.slice(0, 400);
}

/** Writes the sort keys of these employers from their names as they are now (after a bulk restore). */
export async function refreshNameSortKeys(db: QueryExecutorProvider, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    const { rows } = await sql<{ id: number; name: string }>`
      select id, name from employer where id = any(${[...ids.slice(i, i + 5000)]}::int[])`.execute(db);
    if (rows.length === 0) continue;
    await sql`
      update employer e set name_sort = k.key
      from (select unnest(${rows.map((r) => r.id)}::int[]) as id,
                   unnest(${rows.map((r) => nameSortKey(r.name))}::text[]) as key) k
      where e.id = k.id`.execute(db);
  }
}
