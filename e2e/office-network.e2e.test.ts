import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer } from './harness.ts';
import { launchBrowser, loginThroughForm, newPage, screenshot, type BrowserSession } from './browser.ts';
import { clickMenuEntry } from './side-menu.ts';
import { startNginx, type Nginx } from './nginx.ts';

// A host name that is not localhost: browsers treat only localhost and 127.0.0.1 as secure, so only
// here would headers that assume HTTPS (upgrade-insecure-requests, HSTS) turn the page white.
const HOST = 'gonghui.test';
const HOST_ARGS = [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`];

/** The main pages of an administrator, as the menu names them (deep pages are opened by address). */
const MENU_PAGES = [
  ['orgs', '组织架构', 'org'],
  ['employers', '非公企业数据库', 'formation'],
  ['indicators', '组织建设指标', 'org'],
  ['formation-campaigns', '组建活动', 'formation'],
  ['agreements', '集体合同', 'agreement'],
  ['members', '会员实名制', 'member'],
  ['users', '用户管理', 'system'],
  ['audit', '审计日志', 'system'],
] as const;
const DEEP_PAGES = [
  ['/employers/import', '非公企业数据库'],
  ['/members/transfers', '会员实名制'],
  ['/members/import', '会员实名制'],
] as const;

/**
 * Every request that failed or answered 4xx/5xx, as "METHOD url: reason". Read it with `failuresOf`,
 * which leaves out a script whose fetch was cut off but which arrived through another request.
 */
function watchRequests(page: Page): { failures: string[]; abortedScripts: Set<string>; loaded: Set<string> } {
  const failures: string[] = [];
  const abortedScripts = new Set<string>();
  const loaded = new Set<string>();
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    const aborted = reason === 'net::ERR_ABORTED';
    // The app cancels queries it no longer needs when the page changes; that is not a failure.
    if (aborted && ['fetch', 'xhr'].includes(request.resourceType())) return;
    // A page's chunk is asked for twice at once (its preload and its import); the browser may cut one off.
    if (aborted && request.resourceType() === 'script') abortedScripts.add(request.url());
    else failures.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failures.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
    } else loaded.add(response.url());
  });
  return { failures, abortedScripts, loaded };
}

/**
 * The failures seen so far. A script cut off counts only if it never arrived and the page itself cannot
 * fetch it now: a navigation cancels the chunks the page it leaves was still preloading, which is no fault,
 * while a header that makes the browser refuse plain HTTP would refuse this fetch too.
 */
async function failuresOf(page: Page, watch: ReturnType<typeof watchRequests>): Promise<string[]> {
  const lost: string[] = [];
  for (const url of watch.abortedScripts) {
    if (watch.loaded.has(url)) continue;
    const status = await page.evaluate(
      (href) =>
        fetch(href, { cache: 'no-store' }).then(
          (response) => response.status,
          () => 0,
        ),
      url,
    );
    if (status !== 200) lost.push(`GET ${url}: net::ERR_ABORTED, then ${status || 'refused'}`);
  }
  return [...watch.failures, ...lost];
}

/** Logs in at `appUrl` (ending in the base path, if any) and opens every main page, by menu and by address. */
async function visitEveryMainPage(page: Page, appUrl: string, shotName: string): Promise<string[]> {
  const watch = watchRequests(page);
  await loginThroughForm(page, appUrl, 'admin');
  // The login page asks who is logged in before anyone is: that one 401 is expected.
  const beforeLogin = (await failuresOf(page, watch)).filter((f) => !/^GET \S+\/api\/auth\/me: 401$/.test(f));
  watch.failures.splice(0);
  watch.abortedScripts.clear();
  expect(beforeLogin).toEqual([]);
  const basePath = new URL(appUrl).pathname.replace(/\/$/, '');

  for (const [key, label, group] of MENU_PAGES) {
    await clickMenuEntry(page, group, key);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain(label);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(`${basePath}/${key}`);
  }
  for (const [path, label] of DEEP_PAGES) {
    await page.goto(`${appUrl}${path}`);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toContain(label);
    await page.waitForLoadState('networkidle');
  }

  // A download goes through the same API prefix as every other call.
  await page.goto(`${appUrl}/employers/import`);
  const download = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  expect((await download).suggestedFilename()).toBe('单位名录导入模板.xlsx');

  await page.getByTestId('menu-workbench').click();
  await page.getByTestId('workbench').waitFor();
  // The router writes the home page as the bare prefix; a reload of it is sent on to the prefix with its slash.
  expect(['/', `${basePath}/`, basePath]).toContain(new URL(page.url()).pathname);
  await page.reload();
  await page.getByTestId('workbench').waitFor();
  await screenshot(page, shotName);
  return failuresOf(page, watch);
}

const webDist = path.resolve(import.meta.dirname, '../web/dist');

// Built-ins newer than Chromium 86 that the build cannot rewrite: one call and the page stops there.
const NEWER_THAN_CHROMIUM_86 = [
  '.at(',
  'Object.hasOwn(',
  'structuredClone(',
  '.findLast(',
  '.findLastIndex(',
  '.toSorted(',
  '.toReversed(',
  '.toSpliced(',
  'Array.fromAsync(',
  'Promise.withResolvers(',
  'Object.groupBy(',
  'Map.groupBy(',
  'Intl.Segmenter',
];

describe('the build runs on the Chromium 86 kernel of domestic browsers', () => {
  test('every script is ES2021 at most and calls no built-in that Chromium 86 lacks', () => {
    const dir = path.join(webDist, 'assets');
    const scripts = fs.readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const name of scripts) {
      const code = fs.readFileSync(path.join(dir, name), 'utf8');
      try {
        parse(code, { ecmaVersion: 2021, sourceType: 'module' });
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
      for (const api of NEWER_THAN_CHROMIUM_86) if (code.includes(api)) problems.push(`${name}: ${api}`);
    }
    expect(problems).toEqual([]);
  });

  test('the browser check is ES5, for IE as well, and the page asks for the fast mode', () => {
    const check = fs.readFileSync(path.join(webDist, 'browser-check.js'), 'utf8');
    expect(() => parse(check, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    const index = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    expect(index).toContain('<meta name="renderer" content="webkit" />');
    expect(index).toContain('<script src="./browser-check.js"></script>');
  });
});

describe('plain HTTP under a host name that is not localhost', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser({ args: HOST_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('logs in and loads every main page with no failed request', async () => {
    const page = await newPage(browser);
    const appUrl = `http://${HOST}:${server.port}`;
    const failures = await visitEveryMainPage(page, appUrl, 'office-network-host-name');
    expect(failures).toEqual([]);
    expect(new URL(page.url()).host).toBe(`${HOST}:${server.port}`);
  });

  test('a browser that lacks a feature the app needs gets a plain Chinese page, not a white one', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      delete (String.prototype as { replaceAll?: unknown }).replaceAll;
    });
    await page.goto(`http://${HOST}:${server.port}/login`);
    const notice = page.locator('#unsupported-browser');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('您的浏览器版本过旧');
    expect(await notice.textContent()).toContain('极速模式');
    expect(await notice.textContent()).toContain('Chrome、Microsoft Edge：86 及以上版本');
    expect(await page.locator('#root').count()).toBe(0);
    await screenshot(page, 'office-network-old-browser');
  });

  test('a kernel without :where() and logical properties still gets Ant Design styled', async () => {
    const page = await newPage(browser);
    // Chromium 86 answers so; the app then asks Ant Design for styles without either.
    await page.addInitScript(() => {
      const supports = CSS.supports.bind(CSS);
      CSS.supports = ((...args: [string, string?]) =>
        /:where|inset|margin-inline/.test(args.join(' '))
          ? false
          : supports(...(args as [string, string]))) as typeof CSS.supports;
    });
    await page.context().clearCookies();
    await page.goto(`http://${HOST}:${server.port}/login`);
    await page.getByTestId('login-submit').waitFor();
    const styles = await page.evaluate(() =>
      [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
    );
    expect(styles).toContain('.ant-btn');
    expect(styles).not.toContain(':where(');
    expect(styles).not.toMatch(/[{;]inset:/);
    const background = await page
      .getByTestId('login-submit')
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).toBe('rgb(31, 95, 191)');
  });

  test('a domestic browser in IE-compatibility mode is told how to switch to its fast mode', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      Object.defineProperty(document, 'documentMode', { value: 11 });
    });
    await page.goto(`http://${HOST}:${server.port}/`);
    const notice = page.locator('#unsupported-browser');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('兼容模式');
    expect(await notice.textContent()).toContain('选择极速模式');
  });
});

describe('behind nginx on a sub-path', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let nginx: Nginx;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startDemoServer({ basePath: '/gonghui', trustProxy: true });
    nginx = await startNginx(server.port);
    browser = await launchBrowser({ args: HOST_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await nginx?.close();
    await server?.close();
  });

  test('logs in and loads every main page through the proxy with no failed request', async () => {
    const page = await newPage(browser);
    const failures = await visitEveryMainPage(
      page,
      `http://${HOST}:${nginx.port}/gonghui`,
      'office-network-nginx',
    );
    expect(failures).toEqual([]);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'gonghui_session')?.path).toBe('/gonghui');
  });

  test('the sub-path without its slash, and the bare host, lead to the app', async () => {
    const page = await newPage(browser);
    for (const url of [`http://${HOST}:${nginx.port}/gonghui`, `http://${HOST}:${server.port}/`]) {
      await page.goto(url);
      await page.getByTestId('workbench').or(page.getByTestId('login-form')).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/gonghui\//);
    }
  });
});
