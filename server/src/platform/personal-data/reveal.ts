import type { Kysely, Transaction } from 'kysely';
import type { AuditEntityType } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { audit, type AuditActor } from '../audit/audit.ts';
import { invalid } from '../http/errors.ts';

export interface RevealRequest {
  entityType: AuditEntityType;
  entityId: number;
  /** Which personal field is shown, e.g. 'residentId'. */
  field: string;
  reason: string;
  scopePath: string;
}

/**
 * Records that a person saw a personal field in clear, and why. Call it in the same transaction that reads
 * the value: without the record there is no clear value.
 */
export async function recordReveal(
  db: Kysely<Database> | Transaction<Database>,
  actor: AuditActor,
  request: RevealRequest,
): Promise<void> {
  const reason = request.reason.trim();
  if (reason.length < 2) invalidReason();
  await audit(db, actor, {
    action: 'personal_data.reveal',
    entityType: request.entityType,
    entityId: request.entityId,
    scopePath: request.scopePath,
    after: { field: request.field, reason },
  });
}

function invalidReason(): never {
  throw invalid([{ field: 'reason', message: '请填写查看原因（至少 2 个字）' }]);
}
