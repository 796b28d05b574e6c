import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inScope,
  narrowScope,
  scopeOf,
  Scope,
  scopeContains,
  storedScope,
  underPath,
  versionValidOn,
} from './scope.ts';
import { today } from './orgs/dates.ts';
import { Kysely, PostgresAdapter, DummyDriver, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';

const src = path.resolve(import.meta.dirname, '..');
const scopeModule = path.join(src, 'platform', 'scope.ts');

/** Every TypeScript source of the server, tests and migrations aside. */
function sources(dir = src): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : sources(p);
    return /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
}

function offending(pattern: RegExp, allowed: string[] = [scopeModule]) {
  return sources()
    .filter((f) => !allowed.includes(f))
    .flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          pattern.test(line) ? [`${path.relative(src, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
}

describe('scope rules in the source', () => {
  it('writes no path LIKE by hand outside the scope module', () => {
    // Kysely's `('v.path', 'like', …)` and raw `v.path like …` alike; names and codes may still use LIKE.
    expect(offending(/path['"]?\s*,\s*['"]like['"]|path\s+like\b/i)).toEqual([]);
  });

  it('makes a Scope only in the scope module', () => {
    expect(offending(/\bas Scope\b/)).toEqual([]);
  });

  it('has no wrapper around the scope lookup left', () => {
    expect(offending(/scopePathAt|scopeNow|memberScope|NO_SCOPE|EVERYWHERE/)).toEqual([]);
  });

  it('comments every whole-tree read on the line above', () => {
    const bare = sources().flatMap((f) => {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      return lines.flatMap((line, i) => {
        if (f === scopeModule || !line.includes('Scope.everywhere')) return [];
        const above = lines.slice(Math.max(0, i - 3), i).join('\n');
        return /\/\/|\*\//.test(above) ? [] : [`${path.relative(src, f)}:${i + 1}`];
      });
    });
    expect(bare).toEqual([]);
  });
});

const db = new Kysely<Record<string, Record<string, unknown>>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('scope predicates', () => {
  const district = storedScope('/1/14/');

  it('matches a path in the scope and not a sibling whose number starts the same', () => {
    expect(scopeContains(district, '/1/14/203/')).toBe(true);
    expect(scopeContains(district, '/1/14/')).toBe(true);
    expect(scopeContains(district, '/1/141/')).toBe(false);
    expect(scopeContains(Scope.nowhere, '/1/')).toBe(false);
    expect(scopeContains(Scope.everywhere, '/1/14/')).toBe(true);
  });

  it('narrows only inside the scope', () => {
    expect(narrowScope(district, '/1/14/203/')).toBe('/1/14/203/');
    expect(narrowScope(district, '/1/15/')).toBe(Scope.nowhere);
  });

  it('compiles to one LIKE on the column and one validity condition', () => {
    const q = db
      .selectFrom('org_unit_version as v')
      .select('v.id')
      .where(inScope('v.path', district))
      .where(versionValidOn('v', '2026-01-01'))
      .where(underPath('v.path', '/1/'))
      .compile();
    expect(q.sql).toBe(
      'select "v"."id" from "org_unit_version" as "v" where "v"."path" like $1 and ("v"."valid_from" <= $2 and ("v"."valid_to" is null or "v"."valid_to" > $3)) and "v"."path" like $4',
    );
    expect(q.parameters).toEqual(['/1/14/%', '2026-01-01', '2026-01-01', '/1/%']);
  });
});

describe('the scope of a request', () => {
  it('is the unit path read with the session for its day, and looked up for any other day', async () => {
    const day = today();
    const actor = { orgUnitId: 14, unitPathOn: { day, path: '/1/14/' } };
    // The dummy driver answers every query with no rows: a lookup would read "nowhere".
    expect(await scopeOf(db as never, actor)).toBe('/1/14/');
    expect(await scopeOf(db as never, actor, '2011-09-30')).toBe(Scope.nowhere);
    expect(await scopeOf(db as never, { orgUnitId: 14, unitPathOn: { day, path: null } })).toBe(
      Scope.nowhere,
    );
  });
});
