import { createTestDatabase } from '../server/test/database.ts';
import { benchOrgTree } from './org-tree.bench.ts';

// Benchmarks run on a fresh database: in-memory PGlite, or, when DATABASE_URL is set, a new PostgreSQL
// database created beside the one named and dropped afterwards.
async function main() {
  const handle = await createTestDatabase();
  console.log(`Gonghui benchmarks on ${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}\n`);
  try {
    await benchOrgTree(handle.db);
  } finally {
    await handle.close();
  }
}

await main();
