// `npm test`: the whole suite (units, services and routes against a real database, browser end-to-end).
// The database is PGlite in memory, or PostgreSQL when DATABASE_URL is set. Vitest arguments pass
// through, e.g. `npm test -- --project server` for the server suite alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './build-web.mjs';
import { BROWSER_SUITE_NEEDS, ensureSystemPackages } from './system-packages.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const projects = args.flatMap((a, i) =>
  a === '--project' ? [args[i + 1]] : a.startsWith('--project=') ? [a.slice(10)] : [],
);
const withBrowser = projects.length === 0 || projects.includes('e2e');
if (withBrowser) {
  ensureSystemPackages(BROWSER_SUITE_NEEDS);
  buildWebIfStale();
}
console.log(`数据库：${process.env.DATABASE_URL ? 'PostgreSQL（DATABASE_URL）' : '内置 PGlite'}`);
const r = spawnSync(path.join(root, 'node_modules/.bin/vitest'), ['run', ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
