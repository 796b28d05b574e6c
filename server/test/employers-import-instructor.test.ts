import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { byCode, csv, importHelpers, reportRows, row, xlsx } from './employers-import-fixtures.ts';
import { readEmployerSheet } from '../src/modules/employers/import/employer-sheet.reader.ts';
import { sheetColumns } from '../src/modules/employers/import/employer.sheet.ts';
import { today } from '../src/platform/orgs/dates.ts';

let t: TestApp;
let changshu: Client;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
});
afterAll(() => t.close());

const { importFile, count } = importHelpers(() => t.handle.db);

describe('party-building instructor dates', () => {
  interface Change {
    aspect: string;
    value: string;
    validFrom: string;
    note: string | null;
  }
  const instructorHistory = async (code: string) => {
    const id = (await byCode(changshu, code))!.id;
    const detail = (await changshu.get(`/api/employers/${id}`)).json() as { history: Change[] };
    return detail.history
      .filter((h) => h.aspect === 'instructor')
      .map((h) => `${h.value} ${h.note ?? ''} ${h.validFrom}`.replace('  ', ' '));
  };

  it('dates an assignment and a change with 党建指导员指派日期; an empty cell never removes one', async () => {
    const rows = [
      row({ instructorName: '王指导', instructorSince: '2011-03-15' }),
      row({ instructorName: '周指导', instructorSince: '2011-04-01' }),
      row(),
    ];
    const created = await importFile(changshu, '指导员.csv', csv(rows));
    expect(created.result).toMatchObject({ created: 3, invalid: 0, applied: true });
    expect(await instructorHistory(rows[0].creditCode!)).toEqual(['assigned 王指导 2011-03-15']);

    const edited = [
      { ...rows[0], instructorName: '李指导', instructorSince: '2012-06-01' },
      { ...rows[1], instructorName: '', instructorSince: '2013/2/1' },
      { ...rows[2], instructorName: '赵指导', instructorSince: '2012-09-09' },
    ];
    const done = await importFile(changshu, '指导员改.xlsx', await xlsx(edited));
    expect(done.result).toMatchObject({ updated: 2, unchanged: 1, invalid: 0, applied: true });
    expect(await instructorHistory(rows[0].creditCode!)).toEqual([
      'assigned 王指导 2011-03-15',
      'assigned 李指导 2012-06-01',
    ]);
    expect(await instructorHistory(rows[1].creditCode!)).toEqual(['assigned 周指导 2011-04-01']);
    expect((await byCode(changshu, rows[1].creditCode!))!.instructorName).toBe('周指导');
    // Removing an instructor is done on the employer's page, dated there.
    const removed = await changshu.post(
      `/api/employers/${(await byCode(changshu, rows[1].creditCode!))!.id}/instructor`,
      {
        name: null,
        date: '2013-02-01',
      },
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await instructorHistory(rows[1].creditCode!)).toEqual([
      'assigned 周指导 2011-04-01',
      'none 2013-02-01',
    ]);
    expect(await instructorHistory(rows[2].creditCode!)).toEqual(['assigned 赵指导 2012-09-09']);
    expect((await byCode(changshu, rows[0].creditCode!))!.instructorName).toBe('李指导');
    expect((await byCode(changshu, rows[1].creditCode!))!.instructorName).toBeNull();
    const record = await t.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'employer.update')
      .where('entity_id', '=', String((await byCode(changshu, rows[0].creditCode!))!.id))
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      before: { instructorName: '王指导' },
      after: { instructorName: '李指导', instructorSince: '2012-06-01' },
    });
  });

  it('reports a missing or wrong instructor date for its row and changes nothing', async () => {
    const stored = row({ instructorName: '钱指导', instructorSince: '2011-05-05' });
    const removed = row({ instructorName: '孙指导', instructorSince: '2011-05-05' });
    const later = row({ instructorName: '李指导', instructorSince: '2011-05-05' });
    await importFile(changshu, '指导员.csv', csv([stored, removed, later]));
    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const rows = [
      row({ instructorName: '吴指导', instructorSince: '2011-01-01' }),
      { ...stored, instructorName: '郑指导', instructorSince: '' },
      row({ instructorName: '冯指导' }),
      { ...removed, instructorName: '', instructorSince: '' },
      { ...later, instructorName: '陈指导', instructorSince: '2011-05-04' },
      row({ instructorName: '褚指导', instructorSince: '2009-12-31' }),
      row({ instructorName: '卫指导', instructorSince: tomorrow }),
      row({ instructorName: '蒋指导', instructorSince: '2011-02-30' }),
    ];
    const [changeN, employerN] = [await count('employer_status_change'), await count('employer')];
    const done = await importFile(changshu, '缺日期.csv', csv(rows), 'all_or_nothing');
    const report = await reportRows(changshu, done.id);
    const message = (rowNo: string) => report.find((r) => r.at(-2) === rowNo)?.at(-1);
    expect(done.result).toMatchObject({ rows: 8, invalid: 6, applied: false });
    expect(message('2')).toBeUndefined();
    expect(message('3')).toBe(
      '第 3 行「党建指导员指派日期」：党建指导员与系统中（“钱指导”）不同，请填写党建指导员指派日期',
    );
    expect(message('4')).toBe(
      '第 4 行「党建指导员指派日期」：填写了党建指导员，请同时填写党建指导员指派日期',
    );
    // An empty instructor cell keeps the stored one: nothing to date.
    expect(message('5')).toBeUndefined();
    expect(message('6')).toBe(
      '第 6 行「党建指导员指派日期」：党建指导员指派日期不能早于最近一次变更日期 2011-05-05',
    );
    expect(message('7')).toBe('第 7 行「党建指导员指派日期」：日期不能早于登记日期 2010-03-01');
    expect(message('8')).toBe('第 8 行「党建指导员指派日期」：日期不能晚于今天');
    expect(message('9')).toContain(
      '第 9 行「党建指导员指派日期」：「2011-02-30」不是有效日期，应为 YYYY-MM-DD',
    );
    expect([await count('employer_status_change'), await count('employer')]).toEqual([changeN, employerN]);
    expect((await byCode(changshu, stored.creditCode!))!.instructorName).toBe('钱指导');
  });

  it('still imports a file without the date column: changes are dated as before', async () => {
    const older = sheetColumns.filter((c) => c.key !== 'instructorSince');
    const first = row({ instructorName: '韩指导', registeredOn: '2010-07-07' });
    const created = await importFile(changshu, '旧模板.csv', csv([first], older));
    expect(created.result).toMatchObject({ created: 1, invalid: 0, applied: true });
    expect(await instructorHistory(first.creditCode!)).toEqual(['assigned 韩指导 2010-07-07']);
    const changed = await importFile(
      changshu,
      '旧模板.csv',
      csv([{ ...first, instructorName: '杨指导' }], older),
    );
    expect(changed.result).toMatchObject({ updated: 1, invalid: 0, applied: true });
    expect(await instructorHistory(first.creditCode!)).toEqual([
      'assigned 韩指导 2010-07-07',
      `assigned 杨指导 ${today()}`,
    ]);
  });

  it('exports the instructor date so the exported file imports back unchanged', async () => {
    const rows = [
      row({ name: '指导员往返甲有限公司（演示）', instructorName: '朱指导', instructorSince: '2011-08-08' }),
      row({ name: '指导员往返乙有限公司（演示）', instructorName: '秦指导', instructorSince: '2011-08-08' }),
      row({ name: '指导员往返丙有限公司（演示）' }),
    ];
    await importFile(changshu, '往返.csv', csv(rows));
    await importFile(
      changshu,
      '往返改.csv',
      csv([{ ...rows[0], instructorName: '尤指导', instructorSince: '2012-10-10' }]),
    );
    const second = (await byCode(changshu, rows[1].creditCode!))!;
    expect(
      (await changshu.post(`/api/employers/${second.id}/instructor`, { name: null, date: '2013-01-01' }))
        .statusCode,
    ).toBe(200);
    const exported = await changshu.get(`/api/employers/export?q=${encodeURIComponent('指导员往返')}`);
    expect(exported.statusCode).toBe(200);
    const lines: Record<string, string[]> = {};
    for await (const line of readEmployerSheet(exported.rawPayload, 'xlsx')) {
      lines[line.row.creditCode] = [line.row.instructorName, line.row.instructorSince];
    }
    expect(lines).toEqual({
      [rows[0].creditCode!]: ['尤指导', '2012-10-10'],
      [rows[1].creditCode!]: ['', '2013-01-01'],
      [rows[2].creditCode!]: ['', ''],
    });
    const [auditN, changeN] = [await count('audit_log'), await count('employer_status_change')];
    const again = await importFile(changshu, '导出.xlsx', exported.rawPayload);
    expect(again.result).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      invalid: 0,
      applied: true,
    });
    expect([await count('audit_log'), await count('employer_status_change')]).toEqual([auditN, changeN]);
  });
});
