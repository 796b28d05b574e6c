import { loadConfig, type AppConfig } from '../config.ts';
import { lockDataDir, type DataDirLock } from '../db/data-dir-lock.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../db/database.ts';
import { tallyRepository } from '../modules/indicators/index.ts';

export interface CliDatabase extends DatabaseHandle {
  config: AppConfig;
}

/**
 * Opens the configured database for one command. The embedded database's folder is locked first, so a
 * command never opens a folder a running server holds.
 */
export async function openForCommand(purpose: string, port: number | null = null): Promise<CliDatabase> {
  const config = loadConfig();
  let lock: DataDirLock | null = null;
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir, purpose, port);
  try {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(handle.db);
    const rebuilt = await tallyRepository.ensureCurrent(handle.db);
    if (rebuilt > 0) console.log(`指标统计口径已更新，已重算 ${rebuilt} 个组织的统计。`);
    return {
      ...handle,
      config,
      close: async () => {
        await handle.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** Where the data lives, for messages. */
export function describeDatabase(config: AppConfig): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `内置数据库 ${config.dataDir}`;
}
