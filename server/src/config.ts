import path from 'node:path';
import { normalizeBasePath } from './platform/http/base-path.ts';

/** Runtime settings, all from the environment; see README "Configuration". */
export interface AppConfig {
  port: number;
  host: string;
  /** Folder of the embedded database (and its key file), when DATABASE_URL is not set. */
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  /**
   * Browsers reach the app over HTTPS (its own or a proxy's): Secure cookies, HSTS and the CSP
   * upgrade directive. Off, nothing in the headers assumes HTTPS, so plain HTTP works on any host name.
   */
  https: boolean;
  /** Client addresses come from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** The path the app is served under, e.g. `/gonghui`; empty for the root. */
  basePath: string;
  webDist: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.GONGHUI_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    // GONGHUI_SECURE_COOKIES is the setting's older name and means the same.
    https: env.GONGHUI_HTTPS === '1' || env.GONGHUI_SECURE_COOKIES === '1',
    trustProxy: env.GONGHUI_TRUST_PROXY === '1',
    basePath: normalizeBasePath(env.GONGHUI_BASE_PATH ?? ''),
    webDist: path.resolve(env.GONGHUI_WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
  };
}
