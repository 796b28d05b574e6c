import type { Transaction } from 'kysely';
import type { AuditAction } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';

type Trx = Transaction<Database>;

/**
 * The own audit entry of a bulk operation (an import, its undo), written first so that the entries of
 * the records it changes can point at it (`parentId`); its outcome is filled in by `closeImportAudit`.
 */
export async function openImportAudit(
  trx: Trx,
  actor: AuditActor | null,
  entry: {
    action: AuditAction;
    entityType: string;
    entityId: number;
    scopePath: string;
    before?: unknown;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('audit_log')
    .values({
      user_id: actor?.userId || null,
      username: actor?.username ?? null,
      actor_org_unit_id: actor?.orgUnitId ?? null,
      scope_path: entry.scopePath,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      client_address: actor?.clientAddress ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Writes what the operation did into its own entry. */
export async function closeImportAudit(trx: Trx, auditId: number, after: unknown): Promise<void> {
  await trx
    .updateTable('audit_log')
    .set({ after: JSON.stringify(after) })
    .where('id', '=', auditId)
    .execute();
}

/** Who ran an import queued by a user, as its audit entries name them; null for the system. */
export async function importActor(
  db: Pick<Trx, 'selectFrom'>,
  createdBy: number | null,
): Promise<AuditActor | null> {
  const user = createdBy
    ? await db
        .selectFrom('app_user')
        .select(['id', 'username', 'org_unit_id'])
        .where('id', '=', createdBy)
        .executeTakeFirst()
    : undefined;
  return user
    ? { userId: user.id, username: user.username, orgUnitId: user.org_unit_id, clientAddress: null }
    : null;
}
