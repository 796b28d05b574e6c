// `npm start`: builds the web app if needed, then serves the demo city (`gonghui serve --demo`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(import.meta.dirname, '..');
buildWebIfStale();
const r = spawnSync(
  process.execPath,
  [path.join(root, 'server/bin/gonghui.mjs'), 'serve', '--demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 0);
