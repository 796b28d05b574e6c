import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { versionValidOn } from '../scope.ts';

export const sessionRepository = {
  async create(
    db: Kysely<Database>,
    row: { id: string; userId: number; csrfToken: string; expiresAt: Date; clientAddress: string | null },
  ) {
    await db
      .insertInto('user_session')
      .values({
        id: row.id,
        user_id: row.userId,
        csrf_token: row.csrfToken,
        expires_at: row.expiresAt,
        client_address: row.clientAddress,
      })
      .execute();
  },

  /**
   * The live session with its active user, or undefined; with the path of the user's unit on `day` (null
   * when it did not stand then), which every request of the session reads as its scope.
   */
  async findLive(db: Kysely<Database>, id: string, now: Date, day: string) {
    return db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .leftJoin('org_unit_version as v', (j) =>
        j.onRef('v.org_unit_id', '=', 'u.org_unit_id').on(versionValidOn('v', day)),
      )
      .select([
        'v.path as unitPath',
        's.id as sessionId',
        's.csrf_token as csrfToken',
        'u.id as userId',
        'u.username',
        'u.display_name as displayName',
        'u.role',
        'u.org_unit_id as orgUnitId',
      ])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', now)
      .where('u.active', '=', true)
      .executeTakeFirst();
  },

  async delete(db: Kysely<Database>, id: string) {
    await db.deleteFrom('user_session').where('id', '=', id).execute();
  },

  async deleteForUser(db: Kysely<Database>, userId: number) {
    await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  },

  async deleteExpired(db: Kysely<Database>, now: Date) {
    await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
  },
};
