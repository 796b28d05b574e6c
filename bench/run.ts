import { createTestDatabase } from '../server/test/database.ts';
import { benchOrgTree } from './org-tree.bench.ts';
import { benchIndicators } from './indicators.bench.ts';
import { benchMembers } from './members.bench.ts';
import { benchEmployerImport } from './employers-import.bench.ts';

// Benchmarks run on a fresh database: in-memory PGlite, or, when DATABASE_URL is set, a new PostgreSQL
// database created beside the one named and dropped afterwards.
async function main() {
  const handle = await createTestDatabase();
  console.log(`Gonghui benchmarks on ${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}\n`);
  try {
    await benchOrgTree(handle.db);
    console.log();
    const indicators = await createTestDatabase();
    try {
      await benchIndicators(indicators.db, indicators.kind);
    } finally {
      await indicators.close();
    }
    console.log();
    const members = await createTestDatabase();
    try {
      await benchMembers(members.db, members.kind);
    } finally {
      await members.close();
    }
    console.log();
    const employers = await createTestDatabase();
    try {
      await benchEmployerImport(employers.db, employers.kind);
    } finally {
      await employers.close();
    }
  } finally {
    await handle.close();
  }
}

await main();
