import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';
import { scopeOf, type Scope } from '../scope.ts';

/**
 * An import the caller may see: `find` looks it up within the caller's scope (an import's scope is its
 * uploader's), and one outside it answers 404 exactly like a missing one.
 */
export async function visibleImport<T>(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  find: (scope: Scope) => Promise<T | undefined>,
): Promise<{ imp: T; scope: Scope }> {
  const scope = await scopeOf(db, actor);
  const imp = await find(scope);
  if (!imp) throw notFound('导入记录');
  return { imp, scope };
}
