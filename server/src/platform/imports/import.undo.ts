import type { Transaction } from 'kysely';
import type { AuditAction } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import { conflict } from '../http/errors.ts';
import { closeImportAudit, openImportAudit } from './import.audit.ts';

type Trx = Transaction<Database>;

/** A record an import wrote that changed since, so the import cannot be undone as a whole. */
export interface UndoBlocker {
  id: number;
  /** How the refusal names it, e.g. its registry number and name; only used when it lies in scope. */
  label: string;
  inScope: boolean;
}

/** How a refusal speaks of the records: 名 会员 已转出本辖区, or 家 单位 已不在本辖区. */
export interface UndoWording {
  counter: string;
  noun: string;
  gone: string;
  /** The key of the refusal's details that lists the ids in scope, e.g. memberIds. */
  detailsKey: string;
}

/**
 * The refusal of an undo while records changed since: names at most ten of those in the caller's scope
 * and only counts the others.
 */
export function blockedUndo(blockers: UndoBlocker[], w: UndoWording) {
  const named = blockers.filter((b) => b.inScope);
  const away = blockers.length - named.length;
  const list = named
    .slice(0, 10)
    .map((b) => b.label)
    .join('、');
  return conflict(
    `导入后已有 ${blockers.length} ${w.counter}${w.noun}的信息又有变动，不能整体撤销：${list}${named.length > 10 ? ' 等' : ''}${away > 0 ? `；另有 ${away} ${w.counter}${w.gone}` : ''}`,
    { [w.detailsKey]: named.map((b) => b.id) },
  );
}

/**
 * Undoes an import as a whole inside the caller's transaction: refused while any of its records changed
 * since; else the undo's own audit entry is written (before: what the import did), `revert` puts every
 * record back and audits each under that entry, and the entry gets the outcome.
 */
export async function undoImport<R>(
  trx: Trx,
  actor: AuditActor,
  o: {
    action: AuditAction;
    entityType: string;
    importId: number;
    /** The path of the unit the import concerns: who may read the undo's entry. */
    scopePath: string;
    before: unknown;
    blockers: UndoBlocker[];
    wording: UndoWording;
    revert: (auditId: number) => Promise<R>;
  },
): Promise<R> {
  if (o.blockers.length > 0) throw blockedUndo(o.blockers, o.wording);
  const auditId = await openImportAudit(trx, actor, {
    action: o.action,
    entityType: o.entityType,
    entityId: o.importId,
    scopePath: o.scopePath,
    before: o.before,
  });
  const result = await o.revert(auditId);
  await closeImportAudit(trx, auditId, result);
  return result;
}
