import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { NamePath } from 'antd/es/form/interface';
import { ApiError } from '../api/client.ts';

/** What a rule needs of a schema from the shared contracts. */
export interface ParsingSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string }[] } };
}

/**
 * An antd rule that runs a schema from the shared contracts, so a form says exactly what the server
 * would say, as the user types.
 */
export function zodRule(
  schema: ParsingSchema,
  options: { required?: boolean; emptyMessage?: string } = {},
): Rule {
  return {
    // Marks the field with the asterisk; the validator below gives the message.
    required: options.required,
    validator: async (_rule, value: unknown) => {
      const empty = value === undefined || value === null || value === '';
      if (empty && !options.required) return;
      if (empty && options.emptyMessage) throw new Error(options.emptyMessage);
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error?.issues[0]?.message ?? '填写有误');
    },
  };
}

/** Splits "target.name" or "sourceIds[0]" into an antd name path. */
export function fieldToNamePath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function samePath(a: NamePath, b: (string | number)[]): boolean {
  const left = Array.isArray(a) ? a : [a];
  return left.length === b.length && left.every((part, i) => String(part) === String(b[i]));
}

/**
 * Puts a VALIDATION error's messages on the named fields of a form. Returns the messages that
 * name no field of this form, so the caller can show them above the form.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fields: NamePath[],
  aliases: Record<string, NamePath> = {},
): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : '操作失败'];
  const issues = error.fieldIssues;
  if (issues.length === 0) return [error.message];
  const unmatched: string[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const issue of issues) {
    const alias = aliases[issue.field];
    const path =
      alias !== undefined ? (Array.isArray(alias) ? alias : [alias]) : fieldToNamePath(issue.field);
    const known =
      fields.find((name) => samePath(name, path)) ?? fields.find((name) => samePath(name, path.slice(0, 1)));
    if (!known) {
      unmatched.push(issue.message);
      continue;
    }
    const key = JSON.stringify(known);
    const entry = byField.get(key) ?? { name: known, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  if (unmatched.length === 0 && byField.size === 0) unmatched.push(error.message);
  return unmatched;
}
