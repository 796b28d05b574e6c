import crypto from 'node:crypto';
import { defineConfig } from 'vitest/config';

// Tests seal personal data with a throwaway key of their own, so no key file is ever written by a test run.
const testSecret = { GONGHUI_SECRET_KEY: crypto.randomBytes(32).toString('base64') };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          env: testSecret,
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
          expect: { poll: { timeout: 15_000 } },
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
          env: testSecret,
        },
      },
    ],
  },
});
