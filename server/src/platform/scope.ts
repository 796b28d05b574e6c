import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './auth/actor.ts';

/**
 * The caller's reach at a date: the path of their org unit then. Every repository query filters by it,
 * so a record outside answers "not found" exactly like a missing one. Null when the unit did not exist.
 */
export async function scopePathAt(
  db: Kysely<Database> | Transaction<Database>,
  actor: Pick<Actor, 'orgUnitId'>,
  date: string,
): Promise<string | null> {
  const r = await db
    .selectFrom('org_unit_version')
    .select('path')
    .where('org_unit_id', '=', actor.orgUnitId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  return r?.path ?? null;
}

/**
 * The whole tree, for the few deliberate reads across every area; each use says why on the line above.
 */
export const EVERYWHERE = '/';

/** A path that matches nothing, for callers whose unit did not exist at the date asked. */
export const NO_SCOPE = '/none/';
