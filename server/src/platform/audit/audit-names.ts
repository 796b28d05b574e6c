import { sql, type Kysely } from 'kysely';
import { maskName } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * The current names of records of one kind, by id; a record no longer there has none. A person is named
 * masked (`maskName`), as the lists show them.
 */
export type AuditTargetReader = (db: Db, ids: number[]) => Promise<Array<{ id: number; name: string }>>;
type NameReader = AuditTargetReader;

/** A reader of one table's names, from a column by `id`; `masked` for a person's name. */
export function namesIn(
  table: string,
  column: string,
  options: { masked?: boolean } = {},
): AuditTargetReader {
  return async (db, ids) => {
    const { rows } = await sql<{ id: number; name: string }>`
      select id, ${sql.ref(column)} as name from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(
      db,
    );
    return options.masked ? rows.map((r) => ({ id: r.id, name: maskName(r.name) })) : rows;
  };
}

const orgUnitNames: NameReader = (db, ids) =>
  db
    .selectFrom('org_unit_version')
    .select(['org_unit_id as id', 'name'])
    .where('org_unit_id', 'in', ids)
    .where('valid_to', 'is', null)
    .execute();

const memberNames: NameReader = async (db, ids) =>
  (await db.selectFrom('member').select(['id', 'name']).where('id', 'in', ids).execute()).map((m) => ({
    id: m.id,
    name: maskName(m.name),
  }));

/**
 * How the log reads a target's name, by the kind of record: an account by its display name, a member by
 * the masked name (the log shows no more of a person than the roster does). These are the log's one
 * read across the modules' tables: it only names what an entry of the caller's scope already points at.
 */
const readers: Record<string, NameReader> = {
  user: (db, ids) =>
    db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
  org_unit: orgUnitNames,
  org: orgUnitNames,
  orgUnit: orgUnitNames,
  employer: (db, ids) => db.selectFrom('employer').select(['id', 'name']).where('id', 'in', ids).execute(),
  member: memberNames,
  member_transfer: async (db, ids) => {
    const rows = await db
      .selectFrom('member_transfer as t')
      .innerJoin('member as m', 'm.id', 't.member_id')
      .select(['t.id', 'm.name'])
      .where('t.id', 'in', ids)
      .execute();
    return rows.map((r) => ({ id: r.id, name: maskName(r.name) }));
  },
  collective_agreement: (db, ids) =>
    db.selectFrom('collective_agreement').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  formation_campaign: (db, ids) =>
    db.selectFrom('formation_campaign').select(['id', 'name']).where('id', 'in', ids).execute(),
  attachment: (db, ids) =>
    db.selectFrom('attachment').select(['id', 'file_name as name']).where('id', 'in', ids).execute(),
  export_file: (db, ids) =>
    db.selectFrom('export_file').select(['id', 'file_name as name']).where('id', 'in', ids).execute(),
};

/** The modules' readers (`auditTargets` in their manifests), by kind of record. */
const moduleReaders = new Map<string, NameReader>();

/**
 * Takes the modules' readers of their records' names. The app and the job runner's handler table call it
 * with the module list, so the log and its export job name the modules' records too.
 */
export function useAuditTargets(
  modules: ReadonlyArray<{ auditTargets?: Readonly<Record<string, AuditTargetReader>> }>,
): void {
  for (const m of modules)
    for (const [entityType, reader] of Object.entries(m.auditTargets ?? {}))
      moduleReaders.set(entityType, reader);
}

const readerOf = (entityType: string): NameReader | undefined =>
  readers[entityType] ?? moduleReaders.get(entityType);

const key = (entityType: string, entityId: string) => `${entityType}#${entityId}`;

/**
 * The names of the records a page of entries is about, one query per kind of record; the key is
 * `entityType#entityId`.
 */
export async function targetNames(
  db: Db,
  entries: ReadonlyArray<{ entityType: string; entityId: string | null }>,
): Promise<Map<string, string>> {
  const idsByType = new Map<string, { read: NameReader; ids: Set<number> }>();
  for (const e of entries) {
    const read = readerOf(e.entityType);
    if (!e.entityId || !/^\d{1,15}$/.test(e.entityId) || !read) continue;
    const kind = idsByType.get(e.entityType) ?? { read, ids: new Set<number>() };
    kind.ids.add(Number(e.entityId));
    idsByType.set(e.entityType, kind);
  }
  const names = new Map<string, string>();
  for (const [entityType, { read, ids }] of idsByType) {
    for (const r of await read(db, [...ids])) names.set(key(entityType, String(r.id)), r.name);
  }
  return names;
}

/** The name of one entry's target among those `targetNames` found. */
export function targetNameOf(
  names: Map<string, string>,
  e: { entityType: string; entityId: string | null },
): string | null {
  return e.entityId ? (names.get(key(e.entityType, e.entityId)) ?? null) : null;
}
