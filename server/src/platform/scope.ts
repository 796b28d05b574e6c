import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './auth/actor.ts';
import { today } from './orgs/dates.ts';

declare const scopeBrand: unique symbol;

/**
 * The caller's reach on a date: the path of their org unit then, e.g. `/1/14/`. Every repository read that
 * can return rows of more than one area takes one, so a record outside answers "not found" exactly like a
 * missing one. Only `scopeOf`, `narrowScope` and the two constants below make a `Scope`: a plain string
 * is refused by the type checker.
 */
export type Scope = string & { readonly [scopeBrand]: 'Scope' };

export const Scope = {
  /**
   * The whole tree, for the few deliberate reads across every area (a transfer's other side, a user's
   * own unit at log-in). Each use says why on the line above.
   */
  everywhere: '/' as Scope,
  /** Matches nothing: the caller's unit did not exist on the date asked. */
  nowhere: '/none/' as Scope,
};

/** The caller's scope on `date` (default today, China time); `Scope.nowhere` when their unit did not exist then. */
export async function scopeOf(
  db: Kysely<Database> | Transaction<Database>,
  actor: Pick<Actor, 'orgUnitId' | 'unitPathOn'>,
  date: string = today(),
): Promise<Scope> {
  if (actor.unitPathOn?.day === date) return (actor.unitPathOn.path as Scope | null) ?? Scope.nowhere;
  const r = await db
    .selectFrom('org_unit_version as v')
    .select('v.path')
    .where('v.org_unit_id', '=', actor.orgUnitId)
    .where(versionValidOn('v', date))
    .executeTakeFirst();
  return (r?.path as Scope | undefined) ?? Scope.nowhere;
}

/**
 * Whether the scope holds every unit there is: it is the path of the tree's one root. A list can then
 * count its rows without the join that only tests the scope.
 */
export async function coversWholeTree(
  db: Kysely<Database> | Transaction<Database>,
  scope: Scope,
): Promise<boolean> {
  const roots = await db
    .selectFrom('org_unit_version')
    .select('org_unit_id')
    .distinct()
    .where('parent_id', 'is', null)
    .limit(2)
    .execute();
  return roots.length === 1 && scope === `/${roots[0].org_unit_id}/`;
}

/**
 * The part of `scope` under a unit the caller chose (a list's unit filter, a roster's union). A path
 * outside the scope narrows to nothing, so a filter can never widen what the caller reaches.
 */
export function narrowScope(scope: Scope, unitPath: string): Scope {
  return unitPath.startsWith(scope) ? (unitPath as Scope) : Scope.nowhere;
}

/** The scope a stored record carries (an import's or an export's `scope_path`), read back as a scope. */
export function storedScope(path: string): Scope {
  return path as Scope;
}

/** Whether a unit path lies in the scope: the in-process twin of `inScope`. */
export function scopeContains(scope: Scope, path: string): boolean {
  return path.startsWith(scope);
}

/**
 * The one predicate for "this row's unit path lies in the scope", for any column holding an org-unit
 * path (`v.path`, an import's `scope_path` …). Usable in `.where(…)`, `eb.or([…])` and raw `sql` alike.
 */
export function inScope(pathColumn: string, scope: Scope): RawBuilder<boolean> & Expression<SqlBool> {
  return sql<boolean>`${sql.ref(pathColumn)} like ${`${scope}%`}`;
}

/**
 * The one condition for "the org-unit version valid on `date`": valid from it on, and not yet ended.
 * `alias` names the `org_unit_version` row in the query (e.g. `v`); any dated span with `valid_from` and
 * `valid_to` (a membership's history) reads the same way. `date` is a value or an SQL expression.
 */
export function versionValidOn(
  alias: string,
  date: string | RawBuilder<unknown>,
): RawBuilder<boolean> & Expression<SqlBool> {
  return sql<boolean>`(${sql.ref(`${alias}.valid_from`)} <= ${date} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date}))`;
}

/**
 * "This path lies under that unit's path", for the tree's own upkeep (moving or counting a subtree) where
 * no caller's reach is involved. `path` is a unit path or an SQL expression (`sql.ref('p.path')`). Reads for a caller use
 * `inScope`.
 */
export function underPath(pathColumn: string, path: string | RawBuilder<unknown>): RawBuilder<boolean> {
  const prefix = typeof path === 'string' ? sql`${`${path}%`}` : sql`${path} || '%'`;
  return sql<boolean>`${sql.ref(pathColumn)} like ${prefix}`;
}
