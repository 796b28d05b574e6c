// `npm test`: the whole suite (units, services and routes against a real database, browser end-to-end).
// The database is PGlite in memory, or PostgreSQL when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(import.meta.dirname, '..');
buildWebIfStale();
console.log(`数据库：${process.env.DATABASE_URL ? 'PostgreSQL（DATABASE_URL）' : '内置 PGlite'}`);
const r = spawnSync(path.join(root, 'node_modules/.bin/vitest'), ['run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
