// `npm run typecheck`: type-checks the Node side (contracts, server, e2e, bench: one program, so the server
// sources the others import are checked once) and the web app (DOM and JSX), side by side. Each one's
// output is printed whole when it ends, so the messages of the two never mix. The workspaces' own
// tsconfig files, with the same options, are for editors.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules/.bin/tsc');
const projects = ['tsconfig.node.json', 'web'];

function check(project) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(tsc, ['-p', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`tsc -p ${project}: ${code === 0 ? 'ok' : 'failed'} (${seconds} s)\n${output}`);
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
const lanes = Math.max(1, Math.min(os.availableParallelism(), queue.length));
const results = await Promise.all(
  Array.from({ length: lanes }, async () => {
    let ok = true;
    for (let p = queue.shift(); p; p = queue.shift()) ok = (await check(p)) && ok;
    return ok;
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
