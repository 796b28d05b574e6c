import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntityType } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.ts';
import { notFound } from '../http/errors.ts';

type Trx = Transaction<Database>;

/**
 * One kind of record that users change one at a time (an employer, a member …): how it is locked and read
 * in the caller's scope, what the caller gets back, and what the audit log keeps of it.
 */
export interface ChangeableRecord<Row, View> {
  entityType: AuditEntityType;
  /** What a refusal calls the record, as in 「会员不存在」. */
  label: string;
  /**
   * Locks the record's row for the rest of the transaction and reads it; null when it is missing or lies
   * outside the caller's scope, which both answer 404.
   */
  lock(trx: Trx, id: number): Promise<Row | null>;
  /** Reads the record again after the change (no lock needed: the transaction holds it). */
  reload(trx: Trx, id: number): Promise<Row>;
  /** The record as the caller sees it. */
  present(row: Row): View;
  /** The scope of the audit entry: the path of the unit the record belongs to. */
  scopePath(row: Row): string;
  /** Rebuilds the kept tallies a change of the record may move, from the record before and after. */
  tallies?(trx: Trx, before: Row | null, after: Row): Promise<void>;
  /** What the audit entry keeps of the record; the view itself unless personal data must stay out. */
  auditView?(view: View): unknown;
}

/** What a change adds to the audit entry beside the record after it (a note, what it moved …). */
type AuditExtra = Record<string, unknown> | void;

function auditViewOf<Row, View>(record: ChangeableRecord<Row, View>, view: View): unknown {
  return record.auditView ? record.auditView(view) : view;
}

function withExtra(view: unknown, extra: AuditExtra): unknown {
  return extra && Object.keys(extra).length > 0 ? { ...(view as object), ...extra } : view;
}

/**
 * Changes one record in one transaction: lock it in the caller's scope (404 outside), let `change` check
 * and write it with its history, rebuild the tallies it moves, and audit it with before and after. Every
 * step lands or none does.
 */
export async function changeRecord<Row, View>(
  db: Kysely<Database>,
  actor: Actor,
  record: ChangeableRecord<Row, View>,
  id: number,
  action: AuditAction,
  change: (trx: Trx, before: Row) => Promise<AuditExtra>,
): Promise<View> {
  return db.transaction().execute(async (trx) => {
    const row = await record.lock(trx, id);
    if (!row) throw notFound(record.label);
    const extra = await change(trx, row);
    const changed = await record.reload(trx, id);
    await record.tallies?.(trx, row, changed);
    const after = record.present(changed);
    await audit(trx, actor, {
      action,
      entityType: record.entityType,
      entityId: id,
      scopePath: record.scopePath(row),
      before: auditViewOf(record, record.present(row)),
      after: withExtra(auditViewOf(record, after), extra),
    });
    return after;
  });
}

/**
 * Creates one record in one transaction: `insert` checks and writes it (with its first history entry) and
 * returns its id; then the tallies it moves are rebuilt and the creation is audited with the record after.
 */
export async function createRecord<Row, View>(
  db: Kysely<Database>,
  actor: Actor,
  record: ChangeableRecord<Row, View>,
  action: AuditAction,
  insert: (trx: Trx) => Promise<number>,
): Promise<View> {
  return db.transaction().execute(async (trx) => {
    const id = await insert(trx);
    const row = await record.reload(trx, id);
    await record.tallies?.(trx, null, row);
    const created = record.present(row);
    await audit(trx, actor, {
      action,
      entityType: record.entityType,
      entityId: id,
      scopePath: record.scopePath(row),
      after: auditViewOf(record, created),
    });
    return created;
  });
}
