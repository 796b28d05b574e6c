import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { composeResidentId, type Member, type Page } from '@gonghui/contracts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildEmployer, buildMember, buildTown, buildUser, TEST_PASSWORD } from './factories.ts';

// The roster's filters: union subtree, employer, join dates, status, 农民工 / 新就业形态, gender and age band,
// each alone and together, the same in the list and in its export.
let t: TestApp;
let town: Client;
let tree: Awaited<ReturnType<typeof buildTown>>;
let firmId: number;
const names: Record<string, string> = {};

/** Born `years` years before today, moved by `days` days. */
const bornAgo = (years: number, days = 0) =>
  dayjs(today()).subtract(years, 'year').add(days, 'day').format('YYYY-MM-DD');

let serial = 100;
const idBornOn = (birthDate: string, gender: 'male' | 'female') =>
  // The sequence's last digit is odd for a man, even for a woman (GB 11643).
  composeResidentId('320581', birthDate, (serial += 2) + (gender === 'male' ? 1 : 0));

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  tree = await buildTown(t.handle.db);
  const [v1, v2] = tree.villages;
  firmId = (await buildEmployer(t.handle.db, { orgUnitId: v1.id })).id;
  const people = [
    // key, village, birth date, gender, joined, employer, 农民工, 新就业形态
    ['age35', v1, bornAgo(35), 'male', '2011-03-01', firmId, true, false],
    ['almost36', v1, bornAgo(36, 1), 'female', '2015-06-30', null, false, true],
    ['age36', v2, bornAgo(36), 'female', '2015-07-01', null, true, true],
    ['almost56', v2, bornAgo(56, 1), 'male', '2020-01-01', null, false, false],
    ['age56', v2, bornAgo(56), 'male', '2024-12-31', null, false, false],
  ] as const;
  for (const [key, unit, birth, gender, joinedOn, employerId, migrantWorker, newEmploymentForm] of people) {
    const m = await buildMember(t.handle.db, {
      orgUnitId: unit.id,
      residentId: idBornOn(birth, gender),
      joinedOn,
      employerId,
      migrantWorker,
      newEmploymentForm,
    });
    names[m.name] = key;
  }
  const user = await buildUser(t.handle.db, { unit: tree.town, role: 'cadre' });
  town = await login(t.app, user.username, TEST_PASSWORD);
});
afterAll(() => t.close());

async function keys(query: string): Promise<string[]> {
  const res = await town.get(`/api/members?pageSize=50&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Page<Member>).items.map((m) => names[m.name]).sort();
}

describe('the roster filters', () => {
  it('narrows by age band in whole years today, both ends of each band included', async () => {
    expect(await keys('ageBand=upTo35')).toEqual(['age35', 'almost36']);
    expect(await keys('ageBand=from36to45')).toEqual(['age36']);
    expect(await keys('ageBand=from46to55')).toEqual(['almost56']);
    expect(await keys('ageBand=from56')).toEqual(['age56']);
  });

  it('narrows by gender, join dates (both days included), employer, union and the two worker kinds', async () => {
    expect(await keys('gender=female')).toEqual(['age36', 'almost36']);
    expect(await keys('joinedFrom=2015-06-30&joinedTo=2020-01-01')).toEqual([
      'age36',
      'almost36',
      'almost56',
    ]);
    expect(await keys('joinedFrom=2024-12-31')).toEqual(['age56']);
    expect(await keys(`employerId=${firmId}`)).toEqual(['age35']);
    expect(await keys(`orgUnitId=${tree.villages[1].id}`)).toEqual(['age36', 'age56', 'almost56']);
    expect(await keys('migrantWorker=true')).toEqual(['age35', 'age36']);
    expect(await keys('newEmploymentForm=true')).toEqual(['age36', 'almost36']);
    expect(await keys('newEmploymentForm=false&gender=male&ageBand=from46to55')).toEqual(['almost56']);
  });

  it('refuses a reversed date range, an unknown band or gender, in Chinese and naming the field', async () => {
    const reversed = await town.get('/api/members?joinedFrom=2020-01-02&joinedTo=2020-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({
      error: { message: '入会日期的起日不能晚于止日', details: [{ field: 'joinedTo' }] },
    });
    for (const bad of ['ageBand=old', 'gender=x', 'joinedFrom=2020-02-30', 'newEmploymentForm=yes']) {
      const res = await town.get(`/api/members?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const exported = await town.get('/api/members/export?joinedFrom=2020-01-02&joinedTo=2020-01-01');
    expect(exported.statusCode).toBe(400);
    expect(exported.headers['content-disposition']).toBeUndefined();
  });

  it('exports exactly the filtered rows', async () => {
    const res = await town.get('/api/members/export?gender=male&ageBand=from46to55');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const nameColumn = header.indexOf('姓名');
    const rows: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows.push(names[String(row.getCell(nameColumn).value)] ?? String(row.getCell(nameColumn).value));
    });
    expect(rows).toEqual(['almost56']);
  });
});
