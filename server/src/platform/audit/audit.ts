import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { auditRepository } from './audit.repository.ts';

/** Who did it: a user, or null for the system (demo loader, command line without a user). */
export type AuditActor = Pick<Actor, 'userId' | 'username' | 'orgUnitId' | 'clientAddress'>;

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | number | null;
  scopePath: string | null;
  before?: unknown;
  after?: unknown;
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
