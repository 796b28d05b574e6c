import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';
import { narrowScope, scopeOf, type Scope } from '../scope.ts';
import { today } from './dates.ts';
import { orgRepository } from './org.repository.ts';

/**
 * The caller's scope narrowed to a unit a list is filtered by (none given: the caller's whole scope).
 * A unit outside the caller's scope answers "not found", as a missing one does.
 */
export async function scopeUnderUnit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Pick<Actor, 'orgUnitId'>,
  unitId: number | undefined | null,
  date: string = today(),
): Promise<Scope> {
  const scope = await scopeOf(db, actor, date);
  if (!unitId) return scope;
  const unit = await orgRepository.findAt(db, unitId, date, scope);
  if (!unit) throw notFound('组织');
  return narrowScope(scope, unit.path);
}
