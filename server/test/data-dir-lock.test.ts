import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from '../src/db/data-dir-lock.ts';

const cli = path.resolve(import.meta.dirname, '../bin/gonghui.mjs');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-lock-'));

function runCli(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGHUI_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('one process per embedded data folder', () => {
  it('a command refuses a folder a server holds, naming the holder', () => {
    const dir = tmp();
    const lock = lockDataDir(dir, 'serve', 3123);
    try {
      const r = runCli(dir, 'migrate');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('正由运行中的 Gonghui 服务');
      expect(r.stderr).toContain(`进程 ${process.pid}`);
      expect(r.stderr).toContain('端口 3123');
      expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
    } finally {
      lock.release();
    }
  });

  it('a second open in the same process is refused too, and a released folder opens again', () => {
    const dir = tmp();
    const first = lockDataDir(dir, 'serve');
    expect(() => lockDataDir(dir, 'migrate')).toThrow(DataDirBusyError);
    first.release();
    const again = lockDataDir(dir, 'migrate');
    again.release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    fs.writeFileSync(
      path.join(dir, 'gonghui.lock'),
      JSON.stringify({ pid: Number(dead.stdout), purpose: 'serve', port: 3000, startedAt: '' }),
    );
    const lock = lockDataDir(dir, 'migrate');
    lock.release();
    expect(fs.existsSync(path.join(dir, 'gonghui.lock'))).toBe(false);
  });
});
