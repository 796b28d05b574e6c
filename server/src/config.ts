import path from 'node:path';

/** Runtime settings, all from the environment; see README "Configuration". */
export interface AppConfig {
  port: number;
  host: string;
  /** Folder of the embedded database (and its key file), when DATABASE_URL is not set. */
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  /** Cookies get the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  webDist: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.GONGHUI_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.GONGHUI_SECURE_COOKIES === '1',
    webDist: path.resolve(env.GONGHUI_WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
  };
}
