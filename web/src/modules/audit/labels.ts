import { auditActionLabels, auditEntityTypeLabels, type AuditEntry } from '@gonghui/contracts';

export const entityTypeLabels: Record<string, string> = auditEntityTypeLabels;

export function actionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

export function entityLabel(entityType: string): string {
  return entityTypeLabels[entityType] ?? entityType;
}

function nameIn(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const record = snapshot as Record<string, unknown>;
  for (const key of ['name', 'displayName', 'username']) {
    const value = record[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/**
 * A readable name for the record an entry is about: its current name as the server gives it, else the
 * one its after/before snapshot holds (a record since removed).
 */
export function entityName(entry: AuditEntry): string | null {
  if (entry.entityName) return entry.entityName;
  for (const snapshot of [entry.after, entry.before]) {
    const direct = nameIn(snapshot);
    if (direct) return direct;
    if (typeof snapshot === 'object' && snapshot !== null && 'target' in snapshot) {
      const nested = nameIn((snapshot as { target: unknown }).target);
      if (nested) return nested;
    }
  }
  if (entry.action.startsWith('auth.') && entry.entityType === 'user' && entry.username)
    return entry.username;
  return null;
}

/** The colour of an action's tag: red for removals and failures, orange for structural changes. */
export function actionColor(action: string): string {
  if (action.endsWith('failed') || action.endsWith('close')) return 'red';
  if (action.endsWith('merge') || action.endsWith('move')) return 'orange';
  if (action.endsWith('create')) return 'green';
  if (action.startsWith('auth.')) return 'default';
  return 'blue';
}
