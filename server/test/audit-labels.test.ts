import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, auditEntityTypeLabels } from '@gonghui/contracts';

const sourceRoot = join(import.meta.dirname, '..', 'src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? sourceFiles(join(dir, e.name))
        : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

/** The string literals written as a property `key:` in the server's sources, `a ? 'x' : 'y'` included. */
async function literalsOf(key: string, shape: RegExp): Promise<Set<string>> {
  const found = new Set<string>();
  const property = new RegExp(`\\b${key}:\\s*([^,\\n}]+)`, 'g');
  for (const file of await sourceFiles(sourceRoot)) {
    const text = await readFile(file, 'utf8');
    for (const [, expression] of text.matchAll(property)) {
      for (const [, literal] of expression.matchAll(/'([^']+)'/g)) {
        if (shape.test(literal)) found.add(literal);
      }
    }
  }
  return found;
}

describe('the audit log browser has a Chinese label for everything the server records', () => {
  it('every action written by the server has a label', async () => {
    const actions = await literalsOf('action', /^[a-z_]+\.[a-z_]+$/);
    expect(actions.size).toBeGreaterThan(20);
    expect(actions).toContain('transfer.reject');
    const missing = [...actions].filter((a) => !auditActionLabels[a]).sort();
    expect(missing, 'add these to auditActionLabels in contracts/src/audit.ts').toEqual([]);
  });

  it('every kind of record written by the server has a label', async () => {
    const types = await literalsOf('entityType', /^[a-z_]+$/);
    expect(types).toContain('employer');
    const missing = [...types].filter((t) => !auditEntityTypeLabels[t]).sort();
    expect(missing, 'add these to auditEntityTypeLabels in contracts/src/audit.ts').toEqual([]);
  });
});
