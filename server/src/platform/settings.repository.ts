import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Installation-wide settings, such as whether the data is the demo city. */
export const settingRepository = {
  async get(db: Db, key: string): Promise<unknown> {
    const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value;
  },
  async set(db: Db, key: string, value: unknown) {
    await db
      .insertInto('setting')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  },
};
