import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgChange, OrgKind, OrgLevel, JointType } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { containing } from '../../db/like.ts';
import { inScope, underPath, versionValidOn, type Scope } from '../scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Versions valid at a date: valid_from <= d < valid_to. */
const validAt = (date: string) => versionValidOn('org_unit_version', date);

function unitsAt(db: Db, date: string) {
  return db
    .selectFrom('org_unit_version')
    .innerJoin('org_unit as u', 'u.id', 'org_unit_version.org_unit_id')
    .where(validAt(date))
    .select((eb) => [
      'u.id',
      'org_unit_version.name',
      'u.kind',
      'u.level',
      'u.joint_type as jointType',
      'u.division_code as divisionCode',
      'org_unit_version.parent_id as parentId',
      'org_unit_version.path',
      'org_unit_version.depth',
      'org_unit_version.valid_from as validFrom',
      'org_unit_version.valid_to as validTo',
      'u.created_on as createdOn',
      'u.closed_on as closedOn',
      'u.successor_id as successorId',
      eb.fn
        .coalesce(
          eb
            .selectFrom('org_unit_version as c')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('c.parent_id', '=', 'u.id')
            .where(versionValidOn('c', date)),
          sql<number>`0`,
        )
        .as('childCount'),
    ]);
}

export type OrgUnitAt = Awaited<ReturnType<ReturnType<typeof unitsAt>['executeTakeFirstOrThrow']>>;

export interface NewOrgUnit {
  kind: OrgKind;
  level: OrgLevel;
  jointType: JointType | null;
  divisionCode: string | null;
  name: string;
  nameInitials: string;
  parent: { id: number; path: string; depth: number } | null;
  validFrom: string;
  change?: OrgChange;
  note?: string | null;
}

export const orgRepository = {
  /** The unit as it stood at `date`, if it existed then and lies in the scope. */
  async findAt(db: Db, id: number, date: string, scope: Scope) {
    return unitsAt(db, date)
      .where('u.id', '=', id)
      .where(inScope('org_unit_version.path', scope))
      .executeTakeFirst();
  },

  async findManyAt(db: Db, ids: number[], date: string, scope: Scope) {
    if (ids.length === 0) return [];
    return unitsAt(db, date)
      .where('u.id', 'in', ids)
      .where(inScope('org_unit_version.path', scope))
      .execute();
  },

  async childrenAt(db: Db, parentId: number, date: string, scope: Scope) {
    return unitsAt(db, date)
      .where('org_unit_version.parent_id', '=', parentId)
      .where(inScope('org_unit_version.path', scope))
      .orderBy('u.division_code')
      .orderBy('org_unit_version.name')
      .execute();
  },

  /** Every unit in a scope at a date, ordered for display. */
  async subtreeAt(db: Db, scope: Scope, date: string) {
    return unitsAt(db, date)
      .where(inScope('org_unit_version.path', scope))
      .orderBy('org_unit_version.depth')
      .orderBy('u.division_code')
      .orderBy('org_unit_version.name')
      .execute();
  },

  async countSubtreeAt(db: Db, scope: Scope, date: string): Promise<number> {
    const r = await db
      .selectFrom('org_unit_version')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(validAt(date))
      .where(inScope('org_unit_version.path', scope))
      .executeTakeFirstOrThrow();
    return r.n;
  },

  /** Name or pinyin-initials match at a date within a scope. */
  async searchAt(db: Db, q: string, date: string, scope: Scope, limit: number) {
    const like = containing(q);
    const initials = q.toLowerCase().replace(/[^a-z]/g, '');
    return unitsAt(db, date)
      .where(inScope('org_unit_version.path', scope))
      .where((eb) =>
        eb.or([
          eb('org_unit_version.name', 'like', like),
          ...(initials.length > 0 && initials === q.toLowerCase()
            ? [eb('org_unit_version.name_initials', 'like', `${initials}%`)]
            : []),
        ]),
      )
      .orderBy('org_unit_version.depth')
      .orderBy('org_unit_version.name')
      .limit(limit)
      .execute();
  },

  /** The version of a unit whose valid_to is null (its present state, open or last before closing). */
  async currentVersion(db: Db, id: number) {
    return db
      .selectFrom('org_unit_version')
      .selectAll()
      .where('org_unit_id', '=', id)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async unit(db: Db, id: number) {
    return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Whether any version of the unit ever lay under any version of the anchor. */
  async everWithin(db: Db, id: number, anchorId: number): Promise<boolean> {
    const r = await db
      .selectFrom('org_unit_version as v')
      .innerJoin('org_unit_version as a', (j) => j.on('a.org_unit_id', '=', anchorId))
      .select('v.id')
      .where('v.org_unit_id', '=', id)
      .where(underPath('v.path', sql.ref('a.path')))
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  },

  async history(db: Db, id: number) {
    return db
      .selectFrom('org_unit_version as v')
      .leftJoin('org_unit_version as p', (j) =>
        j
          .onRef('p.org_unit_id', '=', 'v.parent_id')
          .onRef('p.valid_from', '<=', 'v.valid_from')
          .on((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', eb.ref('v.valid_from'))])),
      )
      .select([
        'v.name',
        'v.parent_id as parentId',
        'p.name as parentName',
        'v.path',
        'v.valid_from as validFrom',
        'v.valid_to as validTo',
        'v.change',
        'v.note',
      ])
      .where('v.org_unit_id', '=', id)
      .orderBy('v.valid_from')
      .execute();
  },

  async predecessors(db: Db, id: number) {
    return db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit_version as v', 'v.org_unit_id', 'u.id')
      .select(['u.id', 'v.name', 'u.closed_on as closedOn'])
      .where('u.successor_id', '=', id)
      .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '=', eb.ref('u.closed_on'))]))
      .orderBy('u.id')
      .execute();
  },

  async nameAt(db: Db, id: number, date: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('org_unit_version')
      .select('name')
      .where('org_unit_id', '=', id)
      .where('valid_from', '<=', date)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.name;
  },

  async insertUnit(db: Db, u: NewOrgUnit): Promise<number> {
    const { id } = await db
      .insertInto('org_unit')
      .values({
        kind: u.kind,
        level: u.level,
        joint_type: u.jointType,
        division_code: u.divisionCode,
        created_on: u.validFrom,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('org_unit_version')
      .values({
        org_unit_id: id,
        name: u.name,
        name_initials: u.nameInitials,
        parent_id: u.parent?.id ?? null,
        path: `${u.parent?.path ?? '/'}${id}/`,
        depth: (u.parent?.depth ?? -1) + 1,
        valid_from: u.validFrom,
        change: u.change ?? 'create',
        note: u.note ?? null,
      })
      .execute();
    return id;
  },

  /**
   * Inserts many units founded on one date, in chunks; each must carry a distinct division code, by which
   * the returned map finds its id and path.
   */
  async insertUnits(db: Db, units: Array<Omit<NewOrgUnit, 'change' | 'note'> & { divisionCode: string }>) {
    const placed = new Map<string, { id: number; path: string; depth: number }>();
    for (let i = 0; i < units.length; i += 500) {
      const chunk = units.slice(i, i + 500);
      const ids = await db
        .insertInto('org_unit')
        .values(
          chunk.map((u) => ({
            kind: u.kind,
            level: u.level,
            joint_type: u.jointType,
            division_code: u.divisionCode,
            created_on: u.validFrom,
          })),
        )
        .returning(['id', 'division_code'])
        .execute();
      const idOf = new Map(ids.map((r) => [r.division_code!, r.id]));
      const versions = chunk.map((u) => {
        const id = idOf.get(u.divisionCode)!;
        const path = `${u.parent?.path ?? '/'}${id}/`;
        const depth = (u.parent?.depth ?? -1) + 1;
        placed.set(u.divisionCode, { id, path, depth });
        return {
          org_unit_id: id,
          name: u.name,
          name_initials: u.nameInitials,
          parent_id: u.parent?.id ?? null,
          path,
          depth,
          valid_from: u.validFrom,
          change: 'create' as const,
        };
      });
      await db.insertInto('org_unit_version').values(versions).execute();
    }
    return placed;
  },

  /** Ends the current version at `date` and opens a renamed one (or renames in place when it began that day). */
  async rename(db: Db, id: number, name: string, nameInitials: string, date: string) {
    await db
      .updateTable('org_unit_version')
      .set({ name, name_initials: nameInitials, change: 'rename' })
      .where('org_unit_id', '=', id)
      .where('valid_to', 'is', null)
      .where('valid_from', '=', date)
      .execute();
    await sql`
      with closed as (
        update org_unit_version set valid_to = ${date}
        where org_unit_id = ${id} and valid_to is null and valid_from < ${date}
        returning *
      )
      insert into org_unit_version (org_unit_id, name, name_initials, parent_id, path, depth, valid_from, change, note)
      select org_unit_id, ${name}, ${nameInitials}, parent_id, path, depth, ${date}, 'rename', null from closed
    `.execute(db);
  },

  /**
   * Re-parents a unit and its whole current subtree at `date`: each version that began before the date is
   * closed and continued under the new path; one that began on or after it is rewritten in place.
   */
  async reparent(
    db: Db,
    unit: { id: number; path: string; depth: number },
    parent: { id: number; path: string; depth: number },
    date: string,
    change: OrgChange,
    note: string | null,
  ) {
    const newPath = `${parent.path}${unit.id}/`;
    const delta = parent.depth + 1 - unit.depth;
    const inSubtree = underPath('path', unit.path);
    const cut = unit.path.length + 1;
    await sql`
      update org_unit_version
      set path = ${newPath} || substr(path, ${cut}),
          depth = depth + ${delta},
          parent_id = case when org_unit_id = ${unit.id} then ${parent.id} else parent_id end,
          change = case when org_unit_id = ${unit.id} then ${change} else change end,
          note = case when org_unit_id = ${unit.id} then ${note} else note end
      where valid_to is null and ${inSubtree} and valid_from >= ${date}
    `.execute(db);
    await sql`
      with closed as (
        update org_unit_version set valid_to = ${date}
        where valid_to is null and ${inSubtree} and valid_from < ${date}
        returning *
      )
      insert into org_unit_version (org_unit_id, name, name_initials, parent_id, path, depth, valid_from, change, note)
      select org_unit_id, name, name_initials,
             case when org_unit_id = ${unit.id} then ${parent.id}::int else parent_id end,
             ${newPath} || substr(path, ${cut}), depth + ${delta}, ${date},
             case when org_unit_id = ${unit.id} then ${change} else 'move' end,
             case when org_unit_id = ${unit.id} then ${note} else null end
      from closed
    `.execute(db);
  },

  /** Ends a unit at `date`, naming its successor if it has one. */
  async close(db: Db, id: number, date: string, successorId: number | null) {
    await db
      .updateTable('org_unit_version')
      .set({ valid_to: date })
      .where('org_unit_id', '=', id)
      .where('valid_to', 'is', null)
      .execute();
    await db
      .updateTable('org_unit')
      .set({ closed_on: date, successor_id: successorId })
      .where('id', '=', id)
      .execute();
  },

  /** The latest date any current version in a subtree began, for refusing back-dated changes. */
  async latestChangeIn(db: Db, path: string): Promise<string | null> {
    const r = await db
      .selectFrom('org_unit_version')
      .select(sql<string | null>`max(valid_from)::text`.as('d'))
      .where(underPath('path', path))
      .executeTakeFirstOrThrow();
    return r.d;
  },

  async moveUsers(db: Db, fromIds: number[], toId: number): Promise<number> {
    if (fromIds.length === 0) return 0;
    const r = await db
      .updateTable('app_user')
      .set({ org_unit_id: toId, updated_at: new Date() })
      .where('org_unit_id', 'in', fromIds)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async countUsers(db: Db, orgUnitId: number): Promise<number> {
    const r = await db
      .selectFrom('app_user')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('org_unit_id', '=', orgUnitId)
      .executeTakeFirstOrThrow();
    return r.n;
  },
};
