import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Employer } from '@gonghui/contracts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';
import {
  byCode,
  cellsOf,
  csv,
  DONGBANG,
  importHelpers,
  reportRows,
  row,
  xlsx,
} from './employers-import-fixtures.ts';
import { sheetColumns, sheetWriter } from '../src/modules/employers/import/employer.sheet.ts';
import { readEmployerSheet } from '../src/modules/employers/import/employer-sheet.reader.ts';
import { tallyRepository } from '../src/modules/indicators/tally.repository.ts';
import { exportEmployersFile, importEmployersFile } from '../src/cli/employers-io.ts';

let t: TestApp;
let changshu: Client;
let taicang: Client;
let dongbang: Client;
let taicangTown: string;
let changshuVillage: string;

beforeAll(async () => {
  t = await buildTestApp();
  [changshu, taicang, dongbang] = await Promise.all(
    ['changshu', 'taicang', 'dongbang'].map((u) => login(t.app, u)),
  );
  const code = async (like: string, not?: string) =>
    (
      await t.handle.db
        .selectFrom('org_unit')
        .select('division_code')
        .where('division_code', 'like', like)
        .$if(!!not, (q) => q.where('division_code', 'not like', not!))
        .orderBy('division_code')
        .executeTakeFirstOrThrow()
    ).division_code!;
  taicangTown = await code('320585___');
  changshuVillage = await code('320581______', `${DONGBANG}%`);
});
afterAll(() => t.close());

const { importFile, count } = importHelpers(() => t.handle.db);

describe('employer import', () => {
  it('imports a CSV in a job with progress; the same file again changes nothing', async () => {
    const rows = [
      row({
        unionStatus: '单独建会',
        unionSince: '2011-04-01',
        partyStatus: '单独组建',
        partySince: '2011-05-01',
      }),
      row({ unionStatus: '联合建会', unionSince: '2011/6/1', aboveScale: '是', employees: '1,200' }),
      row({
        localityCode: '',
        localityName: '董浜镇',
        instructorName: '王指导',
        instructorSince: '2011-07-01',
      }),
    ];
    const unitsBefore = await count('org_unit');
    const done = await importFile(changshu, '单位.csv', csv(rows));
    expect(done).toMatchObject({ status: 'done', progress: 3, total: 3, hasReport: false, error: null });
    expect(done.result).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, invalid: 0, applied: true });
    const own = (await byCode(changshu, rows[0].creditCode!))!;
    expect(own).toMatchObject({ unionStatus: 'own', partyStatus: 'independent', orgUnitName: '董浜镇工会' });
    expect(own.grassrootsUnionId).not.toBeNull();
    expect(await count('org_unit')).toBe(unitsBefore + 1);
    expect((await byCode(changshu, rows[1].creditCode!))!).toMatchObject({
      employees: 1200,
      aboveScale: true,
    });
    expect((await byCode(changshu, rows[2].creditCode!))!.instructorName).toBe('王指导');
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('action', 'in', ['employer.create', 'employer.import'])
      .execute();
    expect(audits.filter((a) => a.action === 'employer.import')).toHaveLength(1);
    expect(audits.filter((a) => a.action === 'employer.create')).toHaveLength(3);

    const town = await unitIdByCode(t.handle, DONGBANG);
    expect(await tallyRepository.childCountsAt(t.handle.db, town, '2030-01-01')).toEqual(
      await tallyRepository.childCountsNaive(t.handle.db, town, '2030-01-01'),
    );

    const [auditN, changeN, employerN] = [
      await count('audit_log'),
      await count('employer_status_change'),
      await count('employer'),
    ];
    const again = await importFile(changshu, '单位.csv', csv(rows));
    expect(again.result).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      invalid: 0,
      applied: true,
    });
    expect([
      await count('audit_log'),
      await count('employer_status_change'),
      await count('employer'),
    ]).toEqual([auditN, changeN, employerN]);
    expect((await byCode(changshu, rows[0].creditCode!))!.updatedAt).toBe(own.updatedAt);
  });

  const badRows = () => {
    const good = [row(), row()];
    const wrongCheck = row();
    wrongCheck.creditCode = `${wrongCheck.creditCode!.slice(0, 17)}${wrongCheck.creditCode!.endsWith('0') ? '1' : '0'}`;
    return {
      good,
      rows: [
        good[0],
        wrongCheck,
        row({ industryCode: '00', employees: '很多' }),
        row({ localityCode: taicangTown }),
        good[1],
        { ...good[0], name: '重复代码有限公司' },
        row({ unionStatus: '单独建会' }),
      ],
    };
  };

  it('rejects a whole file with bad rows in all-or-nothing mode, with a report naming row and column', async () => {
    const { good, rows } = badRows();
    const before = await count('employer');
    const done = await importFile(changshu, 'bad.csv', csv(rows), 'all_or_nothing');
    expect(done.result).toEqual({
      rows: 7,
      created: 0,
      updated: 0,
      unchanged: 0,
      invalid: 5,
      applied: false,
    });
    expect(done.hasReport).toBe(true);
    expect(await count('employer')).toBe(before);
    expect(await byCode(changshu, good[0].creditCode!)).toBeUndefined();

    const report = await reportRows(changshu, done.id);
    expect(report[0].slice(-2)).toEqual(['原行号', '错误说明']);
    expect(report.slice(1).map((r) => r.at(-2))).toEqual(['3', '4', '5', '7', '8']);
    const message = (rowNo: string) => report.find((r) => r.at(-2) === rowNo)!.at(-1)!;
    expect(message('3')).toMatch(/^第 3 行「统一社会信用代码」：统一社会信用代码第 18 位校验码应为/);
    expect(message('4')).toContain('第 4 行「行业大类代码」：「00」不是 GB/T 4754-2017 的行业大类代码');
    expect(message('4')).toContain('第 4 行「职工人数」：「很多」不是有效人数');
    expect(message('5')).toContain(
      `「所在地统计区划代码」：区划代码 ${taicangTown} 对应的组织不存在或不在您的管辖范围内`,
    );
    expect(message('7')).toContain('与第 2 行的统一社会信用代码重复');
    expect(message('8')).toContain('「工会状态日期」：填写了工会状态，请同时填写工会状态日期');
    expect(report.find((r) => r.at(-2) === '4')![1]).toBe(rows[2].name);
    expect((await taicang.get(`/api/employer-imports/${done.id}`)).statusCode).toBe(404);
    expect((await taicang.get(`/api/employer-imports/${done.id}/report`)).statusCode).toBe(404);
  });

  it('imports only the valid rows in valid-rows mode and reports the rest', async () => {
    const { good, rows } = badRows();
    const done = await importFile(changshu, 'bad.csv', csv(rows), 'valid_only');
    expect(done.result).toEqual({ rows: 7, created: 2, updated: 0, unchanged: 0, invalid: 5, applied: true });
    expect(await byCode(changshu, good[1].creditCode!)).toBeDefined();
    expect((await reportRows(changshu, done.id)).length).toBe(6);
  });

  it("refuses rows outside the importer's subtree, row by row", async () => {
    const taicangEmployer = ((await taicang.get('/api/employers?pageSize=1')).json() as { items: Employer[] })
      .items[0];
    const rows = [
      row({ localityCode: taicangTown }),
      row({ creditCode: taicangEmployer.creditCode, employees: '1' }),
      row({ localityCode: changshuVillage }),
      row(),
    ];
    const byChangshu = await importFile(changshu, 'scope.csv', csv(rows.slice(0, 2)), 'valid_only');
    expect(byChangshu.result).toMatchObject({ created: 0, invalid: 2 });
    const messages = (await reportRows(changshu, byChangshu.id)).slice(1).map((r) => r.at(-1));
    expect(messages[0]).toContain('不在您的管辖范围内');
    expect(messages[1]).toContain('「统一社会信用代码」：该代码已由您管辖范围以外的单位登记');
    expect((await taicang.get(`/api/employers/${taicangEmployer.id}`)).json().employees).toBe(
      taicangEmployer.employees,
    );

    const byDongbang = await importFile(dongbang, 'scope.csv', csv(rows.slice(2)), 'valid_only');
    expect(byDongbang.result).toMatchObject({ created: 1, invalid: 1 });
    expect(await byCode(changshu, rows[2].creditCode!)).toBeUndefined();
    expect(await byCode(dongbang, rows[3].creditCode!)).toBeDefined();
  });

  it('updates from an edited XLSX export: one changed row, one audit record with before and after', async () => {
    const rows = [row(), row(), row({ partyStatus: '联合组建', partySince: '2011-02-01' })];
    await importFile(changshu, 'first.xlsx', await xlsx(rows));
    const exported = await changshu.get(`/api/employers/export?q=${encodeURIComponent('导入测试')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const codeCol = sheetColumns.findIndex((c) => c.key === 'creditCode') + 1;
    const employeesCol = sheetColumns.findIndex((c) => c.key === 'employees') + 1;
    const partyCol = sheetColumns.findIndex((c) => c.key === 'partyStatus') + 1;
    const partySinceCol = sheetColumns.findIndex((c) => c.key === 'partySince') + 1;
    let exportedRows = 0;
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      exportedRows++;
      if (r.getCell(codeCol).value === rows[1].creditCode) r.getCell(employeesCol).value = 321;
      if (r.getCell(codeCol).value === rows[2].creditCode) {
        r.getCell(partyCol).value = '单独组建';
        r.getCell(partySinceCol).value = '2012-01-01';
      }
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const done = await importFile(changshu, '导出改.xlsx', edited);
    expect(done.result).toEqual({
      rows: exportedRows,
      created: 0,
      updated: 2,
      unchanged: exportedRows - 2,
      invalid: 0,
      applied: true,
    });
    const changed = (await byCode(changshu, rows[1].creditCode!))!;
    expect(changed.employees).toBe(321);
    const record = await t.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'username', 'scope_path'])
      .where('action', '=', 'employer.update')
      .where('entity_id', '=', String(changed.id))
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      before: { employees: 60 },
      after: { employees: 321 },
      username: 'changshu',
    });
    const detail = (
      await changshu.get(`/api/employers/${(await byCode(changshu, rows[2].creditCode!))!.id}`)
    ).json();
    expect(detail.partyStatus).toBe('independent');
    expect(
      detail.history.map((h: { value: string; validFrom: string }) => `${h.value} ${h.validFrom}`),
    ).toEqual(['joint 2011-02-01', 'independent 2012-01-01']);
  });

  it('never erases what an empty cell or an absent column leaves out, and audits what it does change', async () => {
    const full = row({
      address: '董浜镇保留路 8 号',
      contactName: '保留联系人',
      contactPhone: '0512-5200 0001',
      unionStatus: '单独建会',
      unionSince: '2010-06-01',
      partyStatus: '联合组建',
      partySince: '2010-07-01',
      instructorName: '保留指导员',
      instructorSince: '2010-08-01',
    });
    expect((await importFile(changshu, '完整.csv', csv([full]))).result).toMatchObject({ created: 1 });
    const stored = async () =>
      t.handle.db
        .selectFrom('employer')
        .selectAll()
        .where('credit_code', '=', full.creditCode!)
        .executeTakeFirstOrThrow();
    const before = await stored();
    const blanks = {
      ...full,
      address: '',
      contactName: '',
      contactPhone: '',
      unionStatus: '',
      unionSince: '',
      partyStatus: '',
      partySince: '',
      instructorName: '',
      instructorSince: '',
    };
    const empty = await importFile(changshu, '空单元格.csv', csv([blanks]));
    expect(empty.result).toMatchObject({ unchanged: 1, updated: 0, invalid: 0 });
    const fewer = sheetColumns.filter(
      (c) =>
        !['address', 'contactName', 'contactPhone', 'unionStatus', 'partyStatus', 'instructorName'].includes(
          c.key,
        ),
    );
    const absent = await importFile(changshu, '缺列.csv', csv([{ ...full, employees: '61' }], fewer));
    expect(absent.result).toMatchObject({ updated: 1, invalid: 0 });
    const after = await stored();
    expect({ ...after, employees: before.employees, updated_at: before.updated_at }).toEqual(before);
    expect(after.employees).toBe(61);
    const record = await t.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'employer.update')
      .where('entity_id', '=', String(before.id))
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({ before: { employees: 60 }, after: { employees: 61 } });
  });

  it('answers a wrong file with a clear message, and bad uploads with 4xx', async () => {
    const wrong = await importFile(changshu, 'x.csv', Buffer.from('姓名,年龄\n张三,30\n'));
    expect(wrong.result).toMatchObject({ rows: 0, applied: false });
    expect(wrong.error).toContain('缺少列：统一社会信用代码');
    expect(wrong.hasReport).toBe(true);
    const notSheet = await importFile(changshu, 'x.xlsx', Buffer.from('not a zip'));
    expect(notSheet.error).toContain('无法读取.xlsx 文件');
    const json = await changshu.post('/api/employer-imports?fileName=a.csv&mode=valid_only', { a: 1 });
    expect(json.statusCode).toBe(415);
    const xls = await changshu.request({
      method: 'POST',
      url: '/api/employer-imports?fileName=a.xls&mode=valid_only',
      payload: Buffer.from('x'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(xls.statusCode).toBe(400);
  });

  it('serves a template whose example row is skipped on import', async () => {
    const res = await changshu.get('/api/employers/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(
      sheetColumns.map((c) => c.header),
    );
    expect(String(wb.worksheets[0].getRow(2).getCell(2).value)).toMatch(/^【示例】/);
    const done = await importFile(changshu, '模板.xlsx', res.rawPayload);
    expect(done.error).toBe('文件中没有数据行');
  });

  it('exports every employer through the command line and imports the file back unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-employers-'));
    const file = path.join(dir, '单位名录.xlsx');
    const exported = await exportEmployersFile(t.handle.db, file);
    const active = await t.handle.db
      .selectFrom('employer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(exported).toBe(Number(active.n));
    const auditN = await count('audit_log');
    const { result, report } = await importEmployersFile(t.handle.db, file, { mode: 'all_or_nothing' });
    expect(result).toEqual({
      rows: exported,
      created: 0,
      updated: 0,
      unchanged: exported,
      invalid: 0,
      applied: true,
    });
    expect(report).toBeNull();
    expect(await count('audit_log')).toBe(auditN);
    const scoped = await importEmployersFile(t.handle.db, file, { org: '320585', mode: 'valid_only' });
    expect(scoped.result.invalid).toBe(exported - (await taicangCount()));
    expect(scoped.report).not.toBeNull();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('reading .xlsx', () => {
  it('keeps Chinese characters whole across the chunk boundaries of the streaming reader', async () => {
    const names = Array.from(
      { length: 4000 },
      (_, i) => `苏州工业园区${'精密电子制造'.repeat(1 + (i % 3))}有限公司${i}`,
    );
    const shared = await xlsx(names.map((name) => ({ name })));
    const inline = sheetWriter();
    const parts: Buffer[] = [];
    inline.stream.on('data', (c: Buffer) => parts.push(c));
    const ended = new Promise((resolve) => inline.stream.on('end', resolve));
    for (const name of names) inline.add(cellsOf({ name }));
    await inline.finish();
    await ended;
    for (const file of [shared, Buffer.concat(parts)]) {
      const read: string[] = [];
      for await (const line of readEmployerSheet(file, 'xlsx')) read.push(line.row.name);
      expect(read).toEqual(names);
    }
  });
});

async function taicangCount() {
  return ((await taicang.get('/api/employers?pageSize=1')).json() as { total: number }).total;
}
