import path from 'node:path';
import fs from 'node:fs';
import { buildApp, type BuildAppOptions } from '../server/src/app.ts';
import { jobHandlers } from '../server/src/jobs.ts';
import { JobRunner } from '../server/src/platform/jobs/job.runner.ts';
import type { DatabaseHandle } from '../server/src/db/database.ts';
import { createTestDatabase } from '../server/test/database.ts';

const webDist = path.resolve(import.meta.dirname, '../web/dist');

/** How often the test server's job runner looks for work: a page waiting on an import sees it soon. */
const JOB_POLL_MS = 200;

export interface DemoServer {
  baseUrl: string;
  port: number;
  /** The server's database, for a test that checks what was stored or prepares a case. */
  handle: DatabaseHandle;
  /** The job runner: a test stops it to see a job waiting in the queue, and starts it again. */
  runner: JobRunner;
  close(): Promise<void>;
}

/**
 * The real app with the demo city on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set),
 * and a job runner for imports and exports, as `gonghui serve` runs. Every browser test starts its server
 * here.
 */
export async function startDemoServer(
  options: Pick<BuildAppOptions, 'basePath' | 'trustProxy'> = {},
): Promise<DemoServer> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` (npm test does it first)');
  }
  const handle = await createTestDatabase('demo');
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, webDist, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const runner = new JobRunner(handle.db, jobHandlers, JOB_POLL_MS);
  runner.start();
  return {
    baseUrl: `http://127.0.0.1:${port}${options.basePath ?? ''}`,
    port,
    handle,
    runner,
    close: async () => {
      await runner.stop();
      await app.close();
      await handle.close();
    },
  };
}

/** The browser helpers live in browser.ts; re-exported so tests import one module. */
export {
  launchBrowser,
  newPage,
  login,
  loginThroughForm,
  logout,
  screenshot,
  apiFromPage,
} from './browser.ts';
