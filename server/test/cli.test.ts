import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { buildProgram } from '../src/cli/main.ts';

const cli = path.resolve(import.meta.dirname, '../bin/gonghui.mjs');

function gonghui(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGHUI_DATA_DIR: dataDir, ...extraEnv };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

async function countRows(dataDir: string) {
  const h = await openDatabase({ dataDir });
  try {
    const users = await h.db
      .selectFrom('app_user')
      .select(['username', 'role', 'org_unit_id'])
      .orderBy('id')
      .execute();
    const units = await h.db
      .selectFrom('org_unit_version')
      .select(['org_unit_id', 'name', 'path'])
      .orderBy('id')
      .execute();
    return { users, units };
  } finally {
    await h.close();
  }
}

describe('the gonghui command', () => {
  it('lists its commands', () => {
    // The help text comes from the program itself; the test below runs the installed command as a process.
    const program = buildProgram();
    const help = program.helpInformation();
    for (const command of ['serve', 'migrate', 'demo', 'user', 'backup', 'restore'])
      expect(help).toContain(command);
    const add = program.commands.find((c) => c.name() === 'user')?.commands.find((c) => c.name() === 'add');
    expect(add?.helpInformation()).toContain('--username');
  });

  it('creates the first administrator with the root federation, refuses a weak password and a duplicate, and backs up and restores', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-cli-'));
    const weak = gonghui(
      dir,
      ['user', 'add', '--username', 'chief', '--org', '苏州市总工会', '--division-code', '320500'],
      {
        GONGHUI_PASSWORD: 'short',
      },
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码至少 10 位');
    // Refused before the database is opened: the folder stays empty.
    expect(fs.readdirSync(dir)).toEqual([]);

    const ok = gonghui(
      dir,
      ['user', 'add', '--username', 'chief', '--org', '苏州市总工会', '--division-code', '320500'],
      {
        GONGHUI_PASSWORD: 'first-admin-2026',
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('已建立根组织「苏州市总工会」');
    expect(ok.stdout).toContain('已创建用户 chief');
    // The command migrated the new folder and let it go: the next command gets in, and finds the account.
    expect(fs.existsSync(path.join(dir, 'gonghui.lock'))).toBe(false);
    const dup = gonghui(dir, ['user', 'add', '--username', 'chief', '--org', '320500'], {
      GONGHUI_PASSWORD: 'first-admin-2026',
    });
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('已被使用');

    const file = path.join(dir, '..', `${path.basename(dir)}.backup.gz`);
    expect(gonghui(dir, ['backup', file]).status).toBe(0);
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-cli-'));
    const restored = gonghui(target, ['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('已恢复');
    const [before, after] = [await countRows(dir), await countRows(target)];
    expect(after).toEqual(before);
    expect(after.users).toEqual([expect.objectContaining({ username: 'chief', role: 'admin' })]);
  }, 240_000);
});
