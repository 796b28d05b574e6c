import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { composeResidentId } from '@gonghui/contracts';
import { ruleService } from '../server/src/modules/model-workers/subsidies/rule.service.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { clickMenuEntry } from './side-menu.ts';
import { startDemoServer } from './harness.ts';
import { launchBrowser, login, newPage, screenshot, type BrowserSession } from './browser.ts';
import { inputOf, today } from './helpers.ts';

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

async function typeDate(page: Page, testId: string, date: string) {
  const input = await inputOf(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('model workers (admin, the city)', () => {
  test('generates a subsidy roll from the rules, approves it and exports the bank file', async () => {
    const city = await server.handle.db
      .selectFrom('org_unit')
      .select('id')
      .where('division_code', '=', '320500')
      .executeTakeFirstOrThrow();
    // The city's own rule: retired city-level model workers in hardship, 1,200 yuan a year.
    await ruleService.create(server.handle.db, systemActor(city.id, 'test'), {
      orgUnitId: city.id,
      name: '市级退休困难劳模补助（浏览器测试）',
      level: 'city',
      condition: 'retired_hardship',
      amountFen: 120000,
      per: 'year',
      validFrom: '2010-01-01',
      validTo: null,
    });
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin');
    await clickMenuEntry(page, 'model-worker', 'model-workers-rolls');
    await page.getByTestId('rolls-page').waitFor();
    await page.getByTestId('roll-create').click();
    await page.getByTestId('roll-form').waitFor();
    await (await inputOf(page, 'roll-period')).fill(today().slice(0, 4));
    await (await inputOf(page, 'roll-title')).fill('市级退休困难劳模年度补助（浏览器测试）');
    await page.getByTestId('roll-form-ok').click();
    await page.getByTestId('roll-page').waitFor();
    await expect.poll(() => page.getByTestId('roll-status').textContent()).toBe('待审批');
    const recipients = Number(await page.getByTestId('roll-recipients').textContent());
    expect(recipients).toBeGreaterThan(0);

    const approved = page.waitForResponse(
      (r) => r.url().endsWith('/approve') && r.request().method() === 'POST',
    );
    await page.getByTestId('roll-approve').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    expect((await approved).status()).toBe(200);
    await expect.poll(() => page.getByTestId('roll-status').textContent()).toBe('已审批');
    expect(Number(await page.getByTestId('roll-recipients').textContent())).toBe(recipients);

    await page.getByTestId('roll-bank-file').click();
    await (await inputOf(page, 'bank-file-reason')).fill('交银行代发');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('bank-file-ok').click();
    expect((await download).suggestedFilename()).toContain('银行代发');
    await screenshot(page, 'model-workers-roll');
  });

  test('imports the registry from .xlsx: a faulty file applies nothing, then only its valid row', async () => {
    const employer = await server.handle.db
      .selectFrom('employer')
      .select('credit_code')
      .where('closed_on', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('劳动模范名册');
    ws.addRow([
      '姓名',
      '身份证号码',
      '荣誉级别',
      '荣誉称号',
      '授予年份',
      '工作单位统一社会信用代码',
      '在职状态',
      '生活困难',
      '困难情况说明',
    ]);
    ws.addRow([
      '浏览器导入劳模',
      composeResidentId('320505', '1968-03-09', 731),
      '市级',
      '苏州市劳动模范',
      '2012',
      employer.credit_code,
      '退休',
      '否',
      '',
    ]);
    ws.addRow([
      '浏览器错误劳模',
      '320505196803090000',
      '区级',
      '苏州市劳动模范',
      '2012',
      employer.credit_code,
      '退休',
      '否',
      '',
    ]);
    const file = {
      name: '劳模名册.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    };

    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin');
    await clickMenuEntry(page, 'model-worker', 'model-workers-registry');
    await page.getByTestId('workers-page').waitFor();
    await page.getByTestId('worker-import').click();
    const first = page.waitForResponse(
      (r) => r.url().includes('/model-worker-imports?') && r.request().method() === 'POST',
    );
    await page.getByTestId('worker-import-file').setInputFiles(file);
    expect((await first).status()).toBe(200);
    await expect
      .poll(() => page.getByTestId('worker-import-result').textContent())
      .toContain('有 1 行有误，未导入任何一行');
    await page.getByTestId('worker-import-report').waitFor();

    await page.getByText('只导入正确的行').click();
    const second = page.waitForResponse(
      (r) => r.url().includes('/model-worker-imports?') && r.request().method() === 'POST',
    );
    await page.getByTestId('worker-import-file').setInputFiles(file);
    expect((await second).status()).toBe(200);
    await expect
      .poll(() => page.getByTestId('worker-import-result').textContent())
      .toContain('已导入：新增 1 人');
    await screenshot(page, 'model-workers-import');
  });

  test('starts a visit cycle from the registry and records a visit', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin');
    await clickMenuEntry(page, 'model-worker', 'model-workers-visits');
    await page.getByTestId('cycles-page').waitFor();
    await page.getByTestId('cycle-create').click();
    await page.getByTestId('cycle-form').waitFor();
    await (await inputOf(page, 'cycle-title')).fill('春节走访慰问退休劳模（浏览器测试）');
    await (await inputOf(page, 'cycle-occasion')).fill('春节');
    await typeDate(page, 'cycle-starts', today());
    await typeDate(page, 'cycle-ends', today());
    await (await inputOf(page, 'cycle-gift')).fill('慰问品一份');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/model-workers/visit-cycles') && r.request().method() === 'POST',
    );
    await page.getByTestId('cycle-form-ok').click();
    expect((await created).status()).toBe(200);
    await page.getByTestId('cycle-page').waitFor();
    await expect.poll(() => page.getByTestId('cycle-done').textContent()).toBe('0');

    await page.getByTestId('visit-record').first().click();
    await page.getByTestId('visit-form').waitFor();
    await (await inputOf(page, 'visit-by')).fill('市总工会慰问组');
    await typeDate(page, 'visit-on', today());
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/visits/'));
    await page.getByTestId('visit-form-ok').click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.getByTestId('cycle-done').textContent()).toBe('1');
    await screenshot(page, 'model-workers-visits');
  });
});
