import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.ts';
import { conflict, invalid, notFound } from '../http/errors.ts';
import { inScope, scopeOf } from '../scope.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A record of some module, e.g. `{ type: 'lecture_booking', id: 12 }`. */
export interface RecordRef {
  type: string;
  id: number;
}

export interface RecordLink {
  id: number;
  /** The record at the other end, seen from the one asked about. */
  other: RecordRef;
  /** Whether the record asked about started the link (a referral it made) or received it. */
  direction: 'outgoing' | 'incoming';
  note: string | null;
  createdAt: string;
}

const sameRef = (a: RecordRef, b: RecordRef) => a.type === b.type && a.id === b.id;

/**
 * A reference between records of two modules, so that neither imports the other: the module that makes the
 * link has checked the caller may change the `from` record and may see the `to` one (through the other
 * module's index.ts), and gives the path of the unit the link belongs to. Reads are limited to the
 * caller's scope.
 */
export const recordLinkService = {
  async link(
    db: Db,
    actor: Actor,
    from: RecordRef,
    to: RecordRef,
    scopePath: string,
    note: string | null = null,
  ) {
    if (sameRef(from, to)) throw invalid([{ field: 'to', message: '不能把记录关联到它自身' }]);
    if (note !== null && note.length > 500) throw invalid([{ field: 'note', message: '说明最多 500 个字' }]);
    const existing = await db
      .selectFrom('record_link')
      .select('id')
      .where('from_type', '=', from.type)
      .where('from_id', '=', from.id)
      .where('to_type', '=', to.type)
      .where('to_id', '=', to.id)
      .executeTakeFirst();
    if (existing) throw conflict('这两条记录已经关联');
    const { id } = await db
      .insertInto('record_link')
      .values({
        from_type: from.type,
        from_id: from.id,
        to_type: to.type,
        to_id: to.id,
        note,
        scope_path: scopePath,
        created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(db, actor, {
      action: 'link.create',
      entityType: 'record_link',
      entityId: id,
      scopePath,
      after: { from, to, note },
    });
    return id;
  },

  /** The links of a record in both directions, those whose scope lies in the caller's. */
  async linksOf(db: Db, actor: Actor, ref: RecordRef): Promise<RecordLink[]> {
    const scope = await scopeOf(db, actor);
    const rows = await db
      .selectFrom('record_link as l')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('l.from_type', '=', ref.type), eb('l.from_id', '=', ref.id)]),
          eb.and([eb('l.to_type', '=', ref.type), eb('l.to_id', '=', ref.id)]),
        ]),
      )
      .where(inScope('l.scope_path', scope))
      .orderBy('l.id')
      .execute();
    return rows.map((r) => {
      const outgoing = r.from_type === ref.type && r.from_id === ref.id;
      return {
        id: r.id,
        other: outgoing ? { type: r.to_type, id: r.to_id } : { type: r.from_type, id: r.from_id },
        direction: outgoing ? 'outgoing' : 'incoming',
        note: r.note,
        createdAt: new Date(r.created_at).toISOString(),
      };
    });
  },

  /** Removes a link the caller can see; the calling module has checked they may change its record. */
  async unlink(db: Db, actor: Actor, id: number) {
    const scope = await scopeOf(db, actor);
    const found = await db
      .selectFrom('record_link as l')
      .selectAll()
      .where('l.id', '=', id)
      .where(inScope('l.scope_path', scope))
      .executeTakeFirst();
    if (!found) throw notFound('记录关联');
    await db.deleteFrom('record_link').where('id', '=', id).execute();
    await audit(db, actor, {
      action: 'link.delete',
      entityType: 'record_link',
      entityId: id,
      scopePath: found.scope_path,
      before: {
        from: { type: found.from_type, id: found.from_id },
        to: { type: found.to_type, id: found.to_id },
        note: found.note,
      },
    });
  },
};
