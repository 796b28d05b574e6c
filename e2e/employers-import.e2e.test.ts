import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { makeCreditCode, type Employer, type Page as ListPage } from '@gonghui/contracts';
import { sheetColumns } from '../server/src/modules/employers/import/employer.sheet.ts';
import { clickMenuEntry } from './side-menu.ts';
import { startDemoServer } from './harness.ts';
import { launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { apiClient } from './helpers.ts';

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: BrowserSession;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Cells = Partial<Record<(typeof sheetColumns)[number]['key'], string>>;

function csv(rows: Cells[]): Buffer {
  const lines = [
    sheetColumns.map((c) => c.header),
    ...rows.map((r) => sheetColumns.map((c) => r[c.key] ?? '')),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`, 'utf8');
}

async function rowsOf(download: Download): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('employer import in the browser (dongbang)', () => {
  test('downloads the template, imports the valid row of a CSV, hands over the error report and undoes the import', async () => {
    const good: Cells = {
      creditCode: makeCreditCode('9', '1', '320581', 8_800_001),
      name: '董浜浏览器导入测试有限公司（演示）',
      unitCategory: '170',
      industryCode: '39',
      employees: '60',
      aboveScale: '否',
      localityCode: '320581107',
      registeredOn: '2015-03-01',
    };
    const bad: Cells = { ...good, creditCode: '91320581MA1ABCDE0X', name: '信用代码有误有限公司（演示）' };

    const page = await newPage(browser);
    await login(page, server.baseUrl, 'dongbang');
    await clickMenuEntry(page, 'formation', 'employers');
    await page.getByTestId('employers-import').click();
    await page.getByTestId('employer-import-page').waitFor();
    await expect
      .poll(() => page.getByTestId('breadcrumb').textContent())
      .toContain('非公企业数据库/批量导入');

    const templateDownload = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toBe('单位名录导入模板.xlsx');
    expect((await rowsOf(template))[0]).toEqual(sheetColumns.map((c) => c.header));

    await page
      .getByTestId('employer-import-page')
      .locator('input[type=file]')
      .setInputFiles({ name: '董浜单位.csv', mimeType: 'text/csv', buffer: csv([good, bad]) });
    await page.getByText('董浜单位.csv').waitFor();
    await page.getByTestId('import-mode-valid_only').click();
    await page.getByTestId('import-start').click();

    const status = page.getByTestId('import-status');
    await status.waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^\d+$/);
    await page.locator('[data-testid="import-status"][data-status="done"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    const figure = (key: string) => page.getByTestId(`import-${key}`).textContent();
    expect(await figure('rows')).toBe('2');
    expect(await figure('created')).toBe('1');
    expect(await figure('invalid')).toBe('1');
    expect(await figure('applied')).toBe('是');
    expect(await page.getByTestId('import-outcome').textContent()).toContain('1 行有错误未导入');
    await screenshot(page, 'dongbang-employer-import');

    const reportDownload = page.waitForEvent('download');
    await page.getByTestId('import-report').click();
    const report = await reportDownload;
    expect(report.suggestedFilename()).toMatch(/^单位导入错误报告-\d+\.xlsx$/);
    const reportRows = await rowsOf(report);
    expect(reportRows).toHaveLength(2);
    expect(reportRows[1][0]).toBe(bad.creditCode);
    expect(reportRows[1].at(-1)).toContain('统一社会信用代码');

    const api = await apiClient(server.baseUrl, 'dongbang');
    const found = await api.get<ListPage<Employer>>(`/api/employers?q=${good.creditCode}`);
    expect(found.items.map((e) => e.name)).toEqual([good.name]);
    expect((await api.get<ListPage<Employer>>('/api/employers?q=信用代码有误有限公司')).total).toBe(0);

    // The applied import is undone from its result: the employer it registered is gone again.
    await page.getByTestId('import-undo').click();
    await page.getByTestId('import-undo-ok').click();
    await page.getByTestId('import-undone').waitFor();
    await expect.poll(() => page.getByTestId('import-undo').count()).toBe(0);
    expect((await api.get<ListPage<Employer>>(`/api/employers?q=${good.creditCode}`)).total).toBe(0);
    await page.close();
  });
});
