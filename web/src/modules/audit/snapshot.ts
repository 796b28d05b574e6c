import { jointTypeLabels, orgKindLabels, orgLevelLabels, roleLabels } from '@gonghui/contracts';

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

const fieldLabels: Record<string, string> = {
  id: '编号',
  name: '名称',
  kind: '组织类型',
  level: '层级',
  jointType: '联合工会类别',
  divisionCode: '行政区划代码',
  parentId: '上级组织编号',
  parentName: '上级组织',
  validFrom: '生效日期',
  validTo: '失效日期',
  closedOn: '撤销日期',
  successorId: '承继组织编号',
  successor: '承继组织',
  sources: '被合并组织',
  target: '合并后组织',
  movedUsers: '随之转移的用户数',
  date: '日期',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  orgUnitId: '所属组织编号',
  orgUnitName: '所属组织',
  active: '启用',
  lockedUntil: '锁定至',
  unlock: '解除锁定',
  password: '密码',
  reason: '原因',
};

/** Bookkeeping the server keeps beside a record, not something a cadre changed. */
const hiddenFields = new Set([
  'path',
  'depth',
  'createdOn',
  'childCount',
  'createdAt',
  'lastLoginAt',
  'csrfToken',
]);

const valueLabels: Record<string, Record<string, string>> = {
  kind: orgKindLabels,
  level: orgLevelLabels,
  jointType: jointTypeLabels,
  role: roleLabels,
};

function labelOf(path: string[]): string {
  let text = '';
  for (const part of path) {
    if (/^\d+$/.test(part)) text += ` ${Number(part) + 1}`;
    else text += (text ? ' › ' : '') + (fieldLabels[part] ?? part);
  }
  return text;
}

function display(field: string, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return valueLabels[field]?.[value] ?? value;
  return JSON.stringify(value);
}

function walk(value: unknown, path: string[], out: SnapshotField[]): void {
  const last = path[path.length - 1] ?? '';
  if (hiddenFields.has(last)) return;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path.length > 0) {
      out.push({ key: path.join('.'), label: labelOf(path), value: null });
      return;
    }
    for (const [key, item] of entries) walk(item, [...path, key], out);
    return;
  }
  if (path.length === 0) {
    out.push({ key: 'value', label: '内容', value: display('', value) });
    return;
  }
  out.push({ key: path.join('.'), label: labelOf(path), value: display(last, value) });
}

/** Turns a JSON snapshot into labelled fields: {sources: [{name}]} → 被合并组织 1 › 名称. */
export function flattenSnapshot(value: unknown): SnapshotField[] {
  const out: SnapshotField[] = [];
  walk(value, [], out);
  return out;
}

/** True when before and after describe the same kind of record (they share a top-level field). */
export function hasSharedKeys(before: unknown, after: unknown): boolean {
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null)
    return false;
  const left = Object.keys(before);
  return Object.keys(after).some((key) => left.includes(key));
}

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const left = new Map(flattenSnapshot(before).map((field) => [field.key, field]));
  const right = new Map(flattenSnapshot(after).map((field) => [field.key, field]));
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
