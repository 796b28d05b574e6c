import { sql, type Kysely } from 'kysely';
import { auditFieldLabelsFor, auditHiddenFields } from '@gonghui/contracts';
import type { Database } from '../src/db/schema.ts';

/**
 * The fields of the audit entries in a test's database that the log browser would show under their raw
 * names: every field path of every entry's before and after, by the kind of record it is about, with a
 * path below `filters` named by the labels any module may use. `#` stands for a list's items.
 */
export async function unlabelledAuditFields(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ entityType: string; path: string[] }>`
    with recursive node(entity_type, path, value) as (
      select distinct a.entity_type, array[]::text[], s.snapshot
      from audit_log a
      cross join lateral (values (a.before), (a.after)) as s(snapshot)
      where s.snapshot is not null
      union
      select n.entity_type, n.path || c.key, c.value
      from node n
      cross join lateral (
        select key, value
        from jsonb_each(case when jsonb_typeof(n.value) = 'object' then n.value else '{}'::jsonb end)
        union all
        select '#', value
        from jsonb_array_elements(case when jsonb_typeof(n.value) = 'array' then n.value else '[]'::jsonb end)
      ) c
    )
    select distinct entity_type as "entityType", path from node where cardinality(path) > 0`.execute(db);
  const missing = new Set<string>();
  for (const { entityType, path } of rows) {
    const names = path.filter((part) => part !== '#');
    if (names.some((part) => auditHiddenFields.has(part))) continue;
    const { fields } = auditFieldLabelsFor(names[0] === 'filters' ? null : entityType);
    for (const part of names) if (!fields[part]) missing.add(`${entityType}: ${names.join('.')} (${part})`);
  }
  return [...missing].sort();
}
