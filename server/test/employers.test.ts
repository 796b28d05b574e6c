import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  makeCreditCode,
  type Employer,
  type EmployerDetail,
  type OrgUnit,
  type Page,
} from '@gonghui/contracts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let dongbang: Client;
let changshu: Client;
let taicang: Client;
let dongbangId: number;
let villageId: number;

beforeAll(async () => {
  t = await buildTestApp();
  dongbang = await login(t.app, 'dongbang');
  changshu = await login(t.app, 'changshu');
  taicang = await login(t.app, 'taicang');
  dongbangId = await unitIdByCode(t.handle, '320581107');
  villageId = ((await dongbang.get(`/api/orgs/${dongbangId}/children`)).json() as OrgUnit[]).find(
    (u) => u.level === 'village',
  )!.id;
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  creditCode: makeCreditCode('9', '1', '320581', 987654321),
  name: '董浜测试织造有限公司',
  unitCategory: '170',
  industryCode: '17',
  employees: 120,
  aboveScale: false,
  orgUnitId: villageId,
  address: '董浜镇测试路 1 号',
  contactName: '王测试',
  contactPhone: '0512-5555 0000',
  registeredOn: '2010-05-01',
  ...over,
});

describe('the employer register', () => {
  let created: Employer;

  it('refuses a credit code with a wrong check character, naming what is wrong', async () => {
    const good = makeCreditCode('9', '1', '320581', 1);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await dongbang.post('/api/employers', body({ creditCode: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('第 18 位校验码应为');
  });

  it('registers an employer and refuses a second one with the same code', async () => {
    const res = await dongbang.post('/api/employers', body());
    expect(res.statusCode).toBe(200);
    created = res.json();
    expect(created).toMatchObject({ name: '董浜测试织造有限公司', unionStatus: 'none', nonPublic: true });
    const again = await dongbang.post('/api/employers', body({ name: '另一家公司' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已登记');
  });

  it('refuses a code registered in another district without naming that firm, pointing to the union above both', async () => {
    const tcVillage = (
      (
        await taicang.get(`/api/orgs/${await unitIdByCode(t.handle, '320585102')}/children`)
      ).json() as OrgUnit[]
    )[0].id;
    const theirs = await taicang.post(
      '/api/employers',
      body({
        creditCode: makeCreditCode('9', '1', '320585', 5151),
        name: '太仓保密测试有限公司',
        orgUnitId: tcVillage,
      }),
    );
    expect(theirs.statusCode, theirs.body).toBe(200);
    for (const client of [dongbang, changshu]) {
      const res = await client.post(
        '/api/employers',
        body({ creditCode: theirs.json().creditCode, name: '同码公司' }),
      );
      expect(res.statusCode).toBe(409);
      const message = res.json().error.message as string;
      expect(message).toContain('其他工会的管辖范围内登记');
      expect(message).toContain('苏州市总工会');
      expect(res.body).not.toContain('太仓保密测试');
      const edit = await client.patch(`/api/employers/${created.id}`, {
        creditCode: theirs.json().creditCode,
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.body).not.toContain('太仓保密测试');
    }
  });

  it('refuses a locality outside the caller’s scope as a field error', async () => {
    const taicangTown = await unitIdByCode(t.handle, '320585102');
    const res = await dongbang.post(
      '/api/employers',
      body({ creditCode: makeCreditCode('9', '1', '320585', 4242), orgUnitId: taicangTown }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('orgUnitId');
  });

  it('founds the grassroots union on 建会 and keeps a dated history', async () => {
    expect(
      (await dongbang.post(`/api/employers/${created.id}/union`, { status: 'preparing', date: '2011-02-01' }))
        .statusCode,
    ).toBe(200);
    const own = await dongbang.post(`/api/employers/${created.id}/union`, {
      status: 'own',
      date: '2011-05-01',
    });
    expect(own.statusCode).toBe(200);
    const e = own.json() as Employer;
    expect(e.unionStatus).toBe('own');
    expect(e.grassrootsUnionId).not.toBeNull();
    const unit = (await dongbang.get(`/api/orgs/${e.grassrootsUnionId}`)).json() as OrgUnit;
    expect(unit).toMatchObject({
      kind: 'grassroots_union',
      name: '董浜测试织造有限公司工会委员会',
      parentId: villageId,
    });
    await dongbang.post(`/api/employers/${created.id}/party`, { status: 'joint', date: '2011-06-01' });
    await dongbang.post(`/api/employers/${created.id}/instructor`, { name: '李指导', date: '2011-04-01' });
    const detail = (await dongbang.get(`/api/employers/${created.id}`)).json() as EmployerDetail;
    expect(detail.history.map((h) => `${h.validFrom} ${h.aspect} ${h.value}`)).toEqual([
      '2011-02-01 union preparing',
      '2011-04-01 instructor assigned',
      '2011-05-01 union own',
      '2011-06-01 party joint',
    ]);
    expect(detail.instructorName).toBe('李指导');
  });

  it('refuses a status dated before registration', async () => {
    const res = await dongbang.post(`/api/employers/${created.id}/party`, {
      status: 'independent',
      date: '2009-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不能早于单位登记日期');
  });

  it('filters, searches by name, pinyin initials and credit code, and pages on the server', async () => {
    const byName = (await dongbang.get('/api/employers?q=测试织造')).json() as Page<Employer>;
    expect(byName.items.map((e) => e.id)).toEqual([created.id]);
    const byInitials = (await dongbang.get('/api/employers?q=dbcszz')).json() as Page<Employer>;
    expect(byInitials.items.map((e) => e.id)).toContain(created.id);
    const byCode = (
      await dongbang.get(`/api/employers?q=${created.creditCode.slice(0, 12)}`)
    ).json() as Page<Employer>;
    expect(byCode.items.map((e) => e.id)).toContain(created.id);
    const own = (await dongbang.get('/api/employers?unionStatus=own&pageSize=200')).json() as Page<Employer>;
    expect(own.items.every((e) => e.unionStatus === 'own')).toBe(true);
    const page2 = (
      await changshu.get('/api/employers?page=2&pageSize=5&sort=employees&order=desc')
    ).json() as Page<Employer>;
    expect(page2.items).toHaveLength(5);
    expect(page2.total).toBeGreaterThan(100);
    expect([...page2.items].sort((a, b) => b.employees - a.employees)).toEqual(page2.items);
    const industry = (
      await changshu.get('/api/employers?industry=C&size=100to299&pageSize=200')
    ).json() as Page<Employer>;
    expect(industry.items.every((e) => Number(e.industryCode) >= 13 && Number(e.industryCode) <= 43)).toBe(
      true,
    );
    expect(industry.items.every((e) => e.employees >= 100 && e.employees <= 299)).toBe(true);
  });

  it('a town sees only its own employers; a county sees its towns’', async () => {
    const mine = (await dongbang.get('/api/employers?pageSize=200')).json() as Page<Employer>;
    const all = (
      await changshu.get(`/api/employers?pageSize=200&orgUnitId=${dongbangId}`)
    ).json() as Page<Employer>;
    expect(mine.total).toBe(all.total);
    const theirs = await taicang.get(`/api/employers/${created.id}`);
    expect(theirs.statusCode).toBe(404);
    expect((await taicang.get(`/api/employers?q=${created.creditCode}`)).json().total).toBe(0);
    expect((await taicang.patch(`/api/employers/${created.id}`, { employees: 1 })).statusCode).toBe(404);
  });

  it('exports exactly the filtered rows with the template columns', async () => {
    const res = await dongbang.request({ method: 'GET', url: '/api/employers/export?unionStatus=own' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('单位')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const own = (await dongbang.get('/api/employers?unionStatus=own&pageSize=1')).json() as Page<Employer>;
    expect(sheet.actualRowCount - 1).toBe(own.total);
  });

  it('closes an employer, after which it leaves the default list and cannot be changed', async () => {
    expect(
      (await dongbang.post(`/api/employers/${created.id}/close`, { date: '2020-01-01' })).statusCode,
    ).toBe(200);
    expect(((await dongbang.get('/api/employers?q=测试织造')).json() as Page<Employer>).total).toBe(0);
    expect(
      ((await dongbang.get('/api/employers?q=测试织造&includeClosed=true')).json() as Page<Employer>).total,
    ).toBe(1);
    expect((await dongbang.patch(`/api/employers/${created.id}`, { employees: 3 })).statusCode).toBe(409);
  });
});
