import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'gonghui-demo';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts the machine's Chromium with a fresh, throw-away profile; never downloads a browser. `args` are
 * added to the command line (e.g. `--host-resolver-rules`).
 */
export async function launchBrowser(options: { args?: string[] } = {}): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install the Debian package "chromium"`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // CI runs this suite beside the PostgreSQL one on two processors: a page can wait its turn for a while.
  context.setDefaultTimeout(30_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(session: BrowserSession): Promise<Page> {
  const page = await session.context.newPage();
  page.on('pageerror', (error) => {
    console.error(`[browser] ${error.message}`);
  });
  return page;
}

/**
 * Signs in as the user (as nobody else first) and opens the workbench. The session is asked for through the
 * API, as the login form does, which spares each test a page load; `loginThroughForm` is the form itself.
 */
export async function login(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.context().clearCookies();
  const res = await page.request.post(`${baseUrl}/api/auth/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`登录 ${username} 失败：${res.status()} ${await res.text()}`);
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('workbench').waitFor();
}

/** Signs in through the login form (as nobody else first) and waits for the workbench. */
export async function loginThroughForm(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('header-user').click();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor();
}

/**
 * Saves a full-page picture of the page to look at, when `GONGHUI_SCREENSHOTS=1`; otherwise does nothing,
 * as a picture costs a second of the run's time and no test reads it. Returns the file, or null.
 */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  if (process.env.GONGHUI_SCREENSHOTS !== '1') return null;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(300);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Calls the API from inside the page, with its session cookie and CSRF token. */
export async function apiFromPage<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as T };
  }, path);
}
