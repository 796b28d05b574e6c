/** How an audit entry's before and after read: labelled fields, shown by the log browser and its export. */
import { auditFieldLabelsFor, auditHiddenFields, type AuditFieldLabels } from './audit.ts';

/** A value as shown in the log: text, or null for "none". */
export type FieldValue = string | null;

export interface SnapshotField {
  key: string;
  label: string;
  value: FieldValue;
}

export interface DiffRow {
  key: string;
  label: string;
  before: FieldValue | undefined;
  after: FieldValue | undefined;
  changed: boolean;
}

/** The names for a field at `path`: an export's filters come from the list of any module. */
function labelsAt(path: string[], own: AuditFieldLabels): AuditFieldLabels {
  return path[0] === 'filters' ? auditFieldLabelsFor(null) : own;
}

function labelOf(path: string[], own: AuditFieldLabels): string {
  const { fields } = labelsAt(path, own);
  let text = '';
  for (const part of path) {
    if (/^\d+$/.test(part)) text += ` ${Number(part) + 1}`;
    else text += (text ? ' › ' : '') + (fields[part] ?? part);
  }
  return text;
}

function display(path: string[], value: unknown, own: AuditFieldLabels): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  const field = [...path].reverse().find((part) => !/^\d+$/.test(part)) ?? '';
  if (typeof value === 'string') {
    const { fields, values } = labelsAt(path, own);
    // A field's name as a value (the fields left blank, the sort of a list) reads as the field's label.
    if (field === 'blank' || field === 'sort') return fields[value] ?? value;
    return values[field]?.[value] ?? value;
  }
  return JSON.stringify(value);
}

function walk(value: unknown, path: string[], out: SnapshotField[], own: AuditFieldLabels): void {
  const last = path[path.length - 1] ?? '';
  if (auditHiddenFields.has(last)) return;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path.length > 0) {
      out.push({ key: path.join('.'), label: labelOf(path, own), value: null });
      return;
    }
    for (const [key, item] of entries) walk(item, [...path, key], out, own);
    return;
  }
  if (path.length === 0) {
    out.push({ key: 'value', label: '内容', value: display([], value, own) });
    return;
  }
  out.push({ key: path.join('.'), label: labelOf(path, own), value: display(path, value, own) });
}

/**
 * Turns a JSON snapshot of an entry about `entityType` into labelled fields:
 * {sources: [{name}]} → 被合并组织 1 › 名称.
 */
export function flattenSnapshot(value: unknown, entityType?: string | null): SnapshotField[] {
  const out: SnapshotField[] = [];
  walk(value, [], out, auditFieldLabelsFor(entityType));
  return out;
}

/** True when before and after describe the same kind of record (they share a top-level field). */
export function hasSharedKeys(before: unknown, after: unknown): boolean {
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null)
    return false;
  const left = Object.keys(before);
  return Object.keys(after).some((key) => left.includes(key));
}

export function diffRows(before: unknown, after: unknown, entityType?: string | null): DiffRow[] {
  const left = new Map(flattenSnapshot(before, entityType).map((field) => [field.key, field]));
  const right = new Map(flattenSnapshot(after, entityType).map((field) => [field.key, field]));
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  return keys.map((key) => {
    const from = left.get(key);
    const to = right.get(key);
    return {
      key,
      label: (from ?? to)?.label ?? key,
      before: from?.value,
      after: to?.value,
      changed: (from?.value ?? null) !== (to?.value ?? null),
    };
  });
}
