import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AttachmentTable, Database } from '../../db/schema.ts';
import { inScope, type Scope } from '../scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

const info = [
  'a.id',
  'a.file_name as fileName',
  'a.content_type as contentType',
  'a.size_bytes as sizeBytes',
  'a.created_at as createdAt',
  'a.scope_path as scopePath',
] as const;

export const attachmentRepository = {
  async insert(db: Db, values: Insertable<AttachmentTable>): Promise<number> {
    const { id } = await db.insertInto('attachment').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  /** The files of one record, oldest first, if they lie in the scope. */
  async listOf(db: Db, scope: Scope, ownerType: string, ownerId: number) {
    return db
      .selectFrom('attachment as a')
      .select(info)
      .where('a.owner_type', '=', ownerType)
      .where('a.owner_id', '=', ownerId)
      .where(inScope('a.scope_path', scope))
      .orderBy('a.id')
      .execute();
  },

  async findWithContent(db: Db, scope: Scope, id: number) {
    return db
      .selectFrom('attachment as a')
      .select([...info, 'a.owner_type as ownerType', 'a.owner_id as ownerId', 'a.content'])
      .where('a.id', '=', id)
      .where(inScope('a.scope_path', scope))
      .executeTakeFirst();
  },

  async delete(db: Db, id: number) {
    await db.deleteFrom('attachment').where('id', '=', id).execute();
  },
};
