import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, UserUpdate } from '../../db/schema.ts';
import type { Role } from '@gonghui/contracts';
import { containing } from '../../db/like.ts';
import { listPage, type PageRequest } from '../lists/list-page.ts';
import { inScope, type Scope } from '../scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgUnitId: number;
}

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name as displayName',
  'u.role',
  'u.org_unit_id as orgUnitId',
  'v.name as orgUnitName',
  'v.path as orgUnitPath',
  'u.active',
  'u.locked_until as lockedUntil',
  'u.last_login_at as lastLoginAt',
  'u.created_at as createdAt',
] as const;

/** Users whose unit lies under a path today, optionally matching a search word. */
function scoped(db: Db, scope: Scope, q?: string) {
  const like = q ? containing(q) : null;
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.org_unit_id').on('v.valid_to', 'is', null),
    )
    .where(inScope('v.path', scope))
    .$if(like !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('u.username', 'like', like!),
          eb('u.display_name', 'like', like!),
          eb('v.name', 'like', like!),
        ]),
      ),
    );
}

function withUnit(db: Db, scope: Scope) {
  return scoped(db, scope).select(userColumns);
}

export type UserWithUnit = Awaited<ReturnType<ReturnType<typeof withUnit>['executeTakeFirstOrThrow']>>;

export const userRepository = {
  async findByUsername(db: Db, username: string) {
    return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async update(db: Db, id: number, patch: UserUpdate) {
    await db
      .updateTable('app_user')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async insert(db: Db, u: NewUser): Promise<number> {
    const { id } = await db
      .insertInto('app_user')
      .values({
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        role: u.role,
        org_unit_id: u.orgUnitId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** A user whose unit lies under the scope path, or undefined. */
  async findInScope(db: Db, id: number, scope: Scope) {
    return withUnit(db, scope).where('u.id', '=', id).executeTakeFirst();
  },

  async list(db: Db, scope: Scope, q: string | undefined, page: PageRequest) {
    return listPage(db, {
      rows: scoped(db, scope, q).select(userColumns),
      orderBy: [
        ['v.path', 'asc'],
        ['u.username', 'asc'],
      ],
      page,
    });
  },

  async count(db: Db, scope: Scope, q?: string): Promise<number> {
    const r = await scoped(db, scope, q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  },
};
