import fs from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  purpose: string;
  port: number | null;
  startedAt: string;
}

/** The embedded database folder is held by another live process. */
export class DataDirBusyError extends Error {
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    const what =
      holder.purpose === 'serve'
        ? `运行中的 Gonghui 服务（进程 ${holder.pid}${holder.port ? `，端口 ${holder.port}` : ''}）`
        : `另一个 gonghui ${holder.purpose} 命令（进程 ${holder.pid}）`;
    super(
      `数据目录 ${dataDir} 正由${what}使用。内置数据库同一时间只允许一个进程打开：请先停止该进程，或改用 PostgreSQL（设置 DATABASE_URL）。`,
    );
    this.name = 'DataDirBusyError';
    this.holder = holder;
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock file, or throws DataDirBusyError naming who holds it. A lock left by a
 * process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string, port: number | null = null): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'gonghui.lock');
  const me: LockHolder = { pid: process.pid, purpose, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockHolder | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        holder = null;
      }
      if (holder && isAlive(holder.pid)) throw new DataDirBusyError(dataDir, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法取得数据目录 ${dataDir} 的锁文件`);
}
