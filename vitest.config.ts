import crypto from 'node:crypto';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests seal personal data with a throwaway key of their own, so no key file is ever written by a test run.
// The run's datasets are built in this process (global setup) and sealed with the same key as the tests;
// the config can be read more than once per run, so the key is drawn only the first time.
process.env.GONGHUI_SECRET_KEY ??= crypto.randomBytes(32).toString('base64');
const testSecret = { GONGHUI_SECRET_KEY: process.env.GONGHUI_SECRET_KEY };
// Built once per run, cloned by every test file that needs a database.
const globalSetup = ['server/test/test-data.setup.ts'];
// These run the `gonghui` command as a process on an embedded data folder of its own, whatever
// DATABASE_URL says, so the PostgreSQL run would repeat the embedded run exactly: it leaves them out.
const embeddedOnly = ['server/test/cli.test.ts', 'server/test/data-dir-lock.test.ts'];

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the processors, which on a 2-core machine runs every file
    // in turn; the server files mostly wait on their own embedded database, so two run side by side.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? embeddedOnly : [])],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // A worker runs file after file in one process, so the app's modules and the embedded database's
          // WebAssembly are loaded once per worker, not once per file. Every file builds its own app on its
          // own database, so nothing but loaded code is shared between files.
          isolate: false,
          env: testSecret,
          globalSetup,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          // Pages wait on real queries; on a loaded CI machine one can take longer than the 1 s default.
          expect: { poll: { timeout: 30_000 } },
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // Two files at a time, each with its own demo server and browser: a browser test mostly waits on
          // its pages, so one file alone leaves a processor idle. Each worker runs its files in turn in
          // one process, loading the app and the test helpers once.
          isolate: false,
          // After the server and web files, alone: a browser test on a machine busy with other files
          // waits longer than its polls allow.
          sequence: { groupOrder: 1 },
          env: testSecret,
          globalSetup,
        },
      },
    ],
  },
});
