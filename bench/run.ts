import type { Kysely } from 'kysely';
import { createTestDatabase } from '../server/test/database.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import type { Database } from '../server/src/db/schema.ts';
import { benchOrgTree } from './org-tree.bench.ts';
import { benchIndicators } from './indicators.bench.ts';
import { benchMembers } from './members.bench.ts';
import { benchEmployerImport } from './employers-import.bench.ts';
import { benchMemberCollision } from './members-collision.bench.ts';
import { benchLists } from './lists.bench.ts';
import { benchEmployment } from './employment.bench.ts';
import { benchModelWorkers } from './model-workers.bench.ts';
import { benchAssistance } from './assistance.bench.ts';

const benchmarks: Record<string, (db: Kysely<Database>, kind: DatabaseKind) => Promise<void>> = {
  'org-tree': (db) => benchOrgTree(db),
  indicators: benchIndicators,
  members: benchMembers,
  'employers-import': benchEmployerImport,
  'members-collision': benchMemberCollision,
  employment: benchEmployment,
  'model-workers': benchModelWorkers,
};

/** Benchmarks that keep their own database (a city-scale template reused between runs). */
const ownDatabase: Record<string, () => Promise<void>> = {
  lists: benchLists,
  assistance: benchAssistance,
};

// Each benchmark runs on a fresh database: in-memory PGlite, or, when DATABASE_URL is set, a new
// PostgreSQL database created beside the one named and dropped afterwards.
// `npm run bench -- members` runs the benchmarks named; with no name, all of them.
async function main(names: string[]) {
  const unknown = names.filter((n) => !(n in benchmarks) && !(n in ownDatabase));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(', ')}; known: ${[...Object.keys(benchmarks), ...Object.keys(ownDatabase)].join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = names.length > 0 ? names : [...Object.keys(benchmarks), ...Object.keys(ownDatabase)];
  for (const [i, name] of chosen.entries()) {
    if (name in ownDatabase) {
      if (i > 0) console.log();
      await ownDatabase[name]();
      continue;
    }
    const handle = await createTestDatabase();
    if (i === 0)
      console.log(
        `Gonghui benchmarks on ${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}\n`,
      );
    else console.log();
    try {
      await benchmarks[name](handle.db, handle.kind);
    } finally {
      await handle.close();
    }
  }
}

await main(process.argv.slice(2));
