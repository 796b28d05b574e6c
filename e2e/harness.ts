import path from 'node:path';
import fs from 'node:fs';
import { buildApp, type BuildAppOptions } from '../server/src/app.ts';
import { jobHandlers } from '../server/src/jobs.ts';
import { JobRunner } from '../server/src/platform/jobs/job.runner.ts';
import { createTestDatabase } from '../server/test/database.ts';

const webDist = path.resolve(import.meta.dirname, '../web/dist');

/**
 * The real app with the demo city on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set),
 * and a job runner for imports, as `gonghui serve` runs.
 */
export async function startDemoServer(
  options: Pick<BuildAppOptions, 'basePath' | 'trustProxy'> = {},
): Promise<{ baseUrl: string; port: number; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` (npm test does it first)');
  }
  const handle = await createTestDatabase('demo');
  const app = await buildApp({ db: handle.db, databaseKind: handle.kind, webDist, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const runner = new JobRunner(handle.db, jobHandlers);
  runner.start();
  return {
    baseUrl: `http://127.0.0.1:${port}${options.basePath ?? ''}`,
    port,
    close: async () => {
      await runner.stop();
      await app.close();
      await handle.close();
    },
  };
}

/** The browser helpers live in browser.ts; re-exported so tests import one module. */
export { launchBrowser, newPage, login, logout, screenshot, apiFromPage } from './browser.ts';
