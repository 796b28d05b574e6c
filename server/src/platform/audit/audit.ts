import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntityType } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { auditRepository } from './audit.repository.ts';

/** Who did it: a user, or null for the system (demo loader, command line without a user). */
export type AuditActor = Pick<Actor, 'userId' | 'username' | 'orgUnitId' | 'clientAddress'>;

export interface AuditChange {
  /** One of the actions the modules' audit labels name; a new action is added there first. */
  action: AuditAction;
  /** One of the kinds of record the modules' audit labels name. */
  entityType: AuditEntityType;
  entityId: string | number | null;
  /** The path of the unit the change concerns: who may read the entry (its subtree's admins). */
  scopePath: string;
  before?: unknown;
  after?: unknown;
  /** The entry of the bulk operation (an import, its undo) this one is part of. */
  parentId?: number | null;
}

/**
 * The scope an entry about a unit gets: the unit's latest path (a closed unit keeps its last one), so
 * the admins of every unit above it can read the entry.
 */
export async function auditScopeOfUnit(
  db: Kysely<Database> | Transaction<Database>,
  orgUnitId: number,
): Promise<string> {
  const v = await db
    .selectFrom('org_unit_version')
    .select('path')
    .where('org_unit_id', '=', orgUnitId)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return v.path;
}

/** Records a write by a user; call it inside the write's transaction so both land or neither. */
export async function audit(
  db: Kysely<Database> | Transaction<Database>,
  actor: AuditActor | null,
  change: AuditChange,
): Promise<void> {
  await auditRepository.insert(db, {
    userId: actor?.userId || null,
    username: actor?.username ?? null,
    actorOrgUnitId: actor?.orgUnitId ?? null,
    clientAddress: actor?.clientAddress ?? null,
    ...change,
  });
}

/** Records many writes of one bulk operation by the same actor, in the same transaction. */
export async function auditMany(
  db: Kysely<Database> | Transaction<Database>,
  actor: AuditActor | null,
  changes: AuditChange[],
): Promise<void> {
  await auditRepository.insertMany(
    db,
    changes.map((change) => ({
      userId: actor?.userId || null,
      username: actor?.username ?? null,
      actorOrgUnitId: actor?.orgUnitId ?? null,
      clientAddress: actor?.clientAddress ?? null,
      ...change,
    })),
  );
}
