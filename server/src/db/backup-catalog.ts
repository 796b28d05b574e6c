import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface TableSpec {
  name: string;
  /** Primary-key columns, for a stable order. */
  key: string[];
  json: string[];
  bytes: string[];
  /** Columns referring to the same table: restored as null, then set once every row is in. */
  selfRefs: string[];
  identity: string[];
}

/**
 * Every table of the schema (but the migrator's own), read from the catalog, ordered so that a table
 * comes after the tables it refers to. New modules' tables are backed up without a list to keep.
 */
export async function backupCatalog(db: Db): Promise<TableSpec[]> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
  }>`
    select table_name, column_name, data_type, is_identity from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely\\_%'
    order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
    where i.indisprimary
    order by c.relname, a.attnum`.execute(db);
  const refs = await sql<{ table_name: string; column_name: string; ref_table: string }>`
    select c.relname as table_name, a.attname as column_name, r.relname as ref_table
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class r on r.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
    where k.contype = 'f'`.execute(db);

  const specs = new Map<string, TableSpec>();
  for (const c of columns.rows) {
    const spec = specs.get(c.table_name) ?? {
      name: c.table_name,
      key: [],
      json: [],
      bytes: [],
      selfRefs: [],
      identity: [],
    };
    if (c.data_type === 'jsonb' || c.data_type === 'json') spec.json.push(c.column_name);
    if (c.data_type === 'bytea') spec.bytes.push(c.column_name);
    if (c.is_identity === 'YES') spec.identity.push(c.column_name);
    specs.set(c.table_name, spec);
  }
  for (const k of keys.rows) specs.get(k.table_name)?.key.push(k.column_name);
  const dependsOn = new Map<string, Set<string>>([...specs.keys()].map((t) => [t, new Set<string>()]));
  for (const r of refs.rows) {
    if (!specs.has(r.table_name)) continue;
    if (r.table_name === r.ref_table) specs.get(r.table_name)!.selfRefs.push(r.column_name);
    else dependsOn.get(r.table_name)!.add(r.ref_table);
  }
  const ordered: TableSpec[] = [];
  const placed = new Set<string>();
  while (placed.size < specs.size) {
    const ready = [...specs.keys()].filter(
      (t) => !placed.has(t) && [...dependsOn.get(t)!].every((d) => placed.has(d)),
    );
    if (ready.length === 0) throw new Error('circular foreign keys between tables: cannot order a restore');
    for (const t of ready.sort()) {
      placed.add(t);
      ordered.push(specs.get(t)!);
    }
  }
  return ordered;
}
