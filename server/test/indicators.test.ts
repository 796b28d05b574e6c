import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCreditCode,
  type Employer,
  type IndicatorReport,
  type IndicatorTrend,
  type OrgUnit,
} from '@gonghui/contracts';
import { tallyRepository } from '../src/modules/indicators/tally.repository.ts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';
import { enrolBody } from './members-fixtures.ts';

let t: TestApp;
let admin: Client;
let dongbang: Client;
let taicang: Client;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
  dongbang = await login(t.app, 'dongbang');
  taicang = await login(t.app, 'taicang');
});
afterAll(() => t.close());

const value = (r: IndicatorReport, key: string) => r.unit.values.find((v) => v.indicator === key)!;

describe('kept tallies give the same numbers as the naive count over raw rows', () => {
  it('for several units and dates, across the 2012 merger', async () => {
    const units = await Promise.all(
      ['320500', '320503', '320508', '320581', '320581107', '320585', '320584'].map((c) =>
        unitIdByCode(t.handle, c),
      ),
    );
    const dates = [
      '2005-06-30',
      '2011-02-28',
      '2011-09-30',
      '2012-10-25',
      '2012-10-26',
      '2018-01-01',
      '2026-01-01',
      // After every unit's last change: each unit answers from its latest row.
      '2099-01-01',
    ];
    let compared = 0;
    for (const unit of units) {
      for (const date of dates) {
        const kept = await tallyRepository.childCountsAt(t.handle.db, unit, date);
        const naive = await tallyRepository.childCountsNaive(t.handle.db, unit, date);
        expect(Object.fromEntries(kept)).toEqual(Object.fromEntries(naive));
        compared += naive.size;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('still agree after writes through the API, back-dated ones included', async () => {
    const town = await unitIdByCode(t.handle, '320581107');
    const res = await dongbang.post('/api/employers', {
      creditCode: makeCreditCode('9', '1', '320581', 55501),
      name: '回溯测试有限公司',
      unitCategory: '300',
      industryCode: '39',
      employees: 400,
      aboveScale: true,
      orgUnitId: town,
      registeredOn: '2008-01-01',
    });
    const e = res.json() as Employer;
    await dongbang.post(`/api/employers/${e.id}/union`, { status: 'joint', date: '2009-03-01' });
    await dongbang.post(`/api/employers/${e.id}/party`, { status: 'independent', date: '2010-01-01' });
    await dongbang.post(`/api/employers/${e.id}/union`, { status: 'own', date: '2012-01-01' });
    const city = await unitIdByCode(t.handle, '320500');
    for (const date of ['2009-02-28', '2009-03-01', '2011-09-30', '2013-01-01']) {
      for (const unit of [city, town]) {
        const kept = await tallyRepository.childCountsAt(t.handle.db, unit, date);
        expect(Object.fromEntries(kept)).toEqual(
          Object.fromEntries(await tallyRepository.childCountsNaive(t.handle.db, unit, date)),
        );
      }
    }
    await dongbang.post(`/api/employers/${e.id}/close`, { date: '2015-01-01' });
  });
});

describe('tallies kept under older definitions', () => {
  it('are rebuilt once on start, and then left alone', async () => {
    const town = await unitIdByCode(t.handle, '320581107');
    const db = t.handle.db;
    await db.updateTable('employer_tally').set({ unionised_members: 0 }).execute();
    await db.updateTable('employer_locality').set({ unionised_members: 0 }).execute();
    await db
      .updateTable('setting')
      .set({ value: JSON.stringify(1) })
      .where('key', '=', 'employer_tally.version')
      .execute();
    const stale = await tallyRepository.childCountsAt(db, town, '2099-01-01');
    expect([...stale.values()].every((c) => c.unionised_members === 0)).toBe(true);
    expect(await tallyRepository.ensureCurrent(db)).toBeGreaterThan(2000);
    expect(Object.fromEntries(await tallyRepository.childCountsAt(db, town, '2099-01-01'))).toEqual(
      Object.fromEntries(await tallyRepository.childCountsNaive(db, town, '2099-01-01')),
    );
    expect(await tallyRepository.ensureCurrent(db)).toBe(0);
  });
});

describe('入会率 counts active members of unionised employers over their employees', () => {
  it('follows enrolment, employer changes, status changes and union formation, dated', async () => {
    const town = await unitIdByCode(t.handle, '320581107');
    const city = await unitIdByCode(t.handle, '320500');
    const firm = async (serial: number, name: string) =>
      (
        await dongbang.post('/api/employers', {
          creditCode: makeCreditCode('9', '1', '320581', serial),
          name,
          unitCategory: '300',
          industryCode: '39',
          employees: 80,
          aboveScale: false,
          orgUnitId: town,
          registeredOn: '2015-01-01',
        })
      ).json() as Employer;
    const unionised = await firm(55601, '入会率测试甲有限公司');
    const without = await firm(55602, '入会率测试乙有限公司');
    const membership = async (asOf: string) =>
      value(
        (await dongbang.get(`/api/indicators?unitId=${town}&asOf=${asOf}`)).json() as IndicatorReport,
        'membership',
      );
    const before = await membership('2026-01-01');
    await dongbang.post(`/api/employers/${unionised.id}/union`, { status: 'joint', date: '2020-01-01' });
    const formed = await membership('2026-01-01');
    expect(formed.numerator).toBe(before.numerator);
    expect(formed.denominator).toBe(before.denominator + 80);

    const enrol = async (employerId: number, joinedOn: string) => {
      const res = await dongbang.post('/api/members', {
        ...enrolBody(town),
        employerId,
        joinedOn,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { id: number }).id;
    };
    const first = await enrol(unionised.id, '2019-06-01');
    const second = await enrol(unionised.id, '2021-03-01');
    await enrol(without.id, '2021-03-01');
    // Joined before the firm's union: counted from the day the union exists.
    expect((await membership('2019-12-31')).numerator).toBe(before.numerator);
    expect((await membership('2020-06-30')).numerator).toBe(before.numerator + 1);
    expect((await membership('2026-01-01')).numerator).toBe(before.numerator + 2);

    const today = new Date().toISOString().slice(0, 10);
    const left = await dongbang.post(`/api/members/${second}/status`, {
      status: 'left',
      date: today,
      note: '离职',
    });
    expect(left.statusCode, left.body).toBe(200);
    const moved = await dongbang.patch(`/api/members/${first}`, { employerId: without.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const now = await membership('2099-01-01');
    expect(now.numerator).toBe(before.numerator);
    expect(now.rate).toBe(Math.round((now.numerator * 10000) / now.denominator) / 100);
    expect((await membership('2026-01-01')).numerator).toBe(before.numerator + 2);

    for (const date of ['2019-12-31', '2020-06-30', '2026-01-01', today, '2099-01-01']) {
      for (const unit of [city, town]) {
        expect(Object.fromEntries(await tallyRepository.childCountsAt(t.handle.db, unit, date))).toEqual(
          Object.fromEntries(await tallyRepository.childCountsNaive(t.handle.db, unit, date)),
        );
      }
    }
    const behind = (
      await dongbang.get(
        `/api/indicators/employers?unitId=${town}&indicator=membership&part=numerator&asOf=2026-01-01&pageSize=100`,
      )
    ).json() as { items: Array<{ id: number; members: number }> };
    expect(behind.items.find((e) => e.id === unionised.id)?.members).toBe(2);
    expect(behind.items.some((e) => e.id === without.id)).toBe(false);
  });
});

describe('工资集体协商建制率 counts unionised employers under a wage agreement in force', () => {
  it('from the day the agreement starts to the day it ends, and only wage agreements', async () => {
    const town = await unitIdByCode(t.handle, '320581107');
    const db = t.handle.db;
    const firm = (
      await dongbang.post('/api/employers', {
        creditCode: makeCreditCode('9', '1', '320581', 55701),
        name: '协商测试有限公司',
        unitCategory: '300',
        industryCode: '39',
        employees: 120,
        aboveScale: false,
        orgUnitId: town,
        // After 2011-09-30, so the demo's 2011 facts of 董浜镇 stay as they are.
        registeredOn: '2011-10-08',
      })
    ).json() as Employer;
    await dongbang.post(`/api/employers/${firm.id}/union`, { status: 'own', date: '2011-11-01' });
    const at = async (asOf: string) => {
      const r = (await dongbang.get(`/api/indicators?unitId=${town}&asOf=${asOf}`)).json() as IndicatorReport;
      return { rate: value(r, 'wage_bargaining'), workers: value(r, 'wage_covered_workers') };
    };
    const before = {
      inside: await at('2012-06-30'),
      last: await at('2013-12-31'),
      after: await at('2014-01-01'),
    };
    const agreement = async (wageSpecific: boolean) =>
      db.transaction().execute(async (trx) => {
        const a = await trx
          .insertInto('collective_agreement')
          .values({
            kind: 'enterprise',
            wage_specific: wageSpecific,
            title: `${firm.name}${wageSpecific ? '工资专项集体合同' : '集体合同'}`,
            org_unit_id: town,
            signed_on: '2011-12-20',
            starts_on: '2012-01-01',
            ends_on: '2013-12-31',
            raise_bp: 500,
            minimum_wage_fen: null,
            filed_on: null,
            note: null,
            created_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('collective_agreement_employer')
          .values({ agreement_id: a.id, employer_id: firm.id })
          .execute();
        await tallyRepository.rebuildForEmployers(trx, [firm.id]);
      });
    await agreement(false);
    expect((await at('2012-06-30')).rate.numerator).toBe(before.inside.rate.numerator);
    await agreement(true);
    const inside = await at('2012-06-30');
    expect(inside.rate.numerator).toBe(before.inside.rate.numerator + 1);
    expect(inside.rate.denominator).toBe(before.inside.rate.denominator);
    expect(inside.workers.numerator).toBe(before.inside.workers.numerator + 120);
    expect((await at('2013-12-31')).rate.numerator).toBe(before.last.rate.numerator + 1);
    expect((await at('2014-01-01')).rate.numerator).toBe(before.after.rate.numerator);
    for (const date of ['2011-12-31', '2012-01-01', '2013-12-31', '2014-01-01', '2099-01-01']) {
      expect(Object.fromEntries(await tallyRepository.childCountsAt(db, town, date))).toEqual(
        Object.fromEntries(await tallyRepository.childCountsNaive(db, town, date)),
      );
    }
  });
});

describe('the demo makes the 2011 organisation facts of 董浜镇 true', () => {
  it('every above-scale firm and every firm in scope has a party organisation by 2011-09-30', async () => {
    const r = (await dongbang.get('/api/indicators?asOf=2011-09-30')).json() as IndicatorReport;
    expect(value(r, 'above_scale_party_independent').rate).toBe(100);
    expect(value(r, 'party_org_coverage').rate).toBe(100);
    expect(value(r, 'party_work_coverage').rate).toBe(100);
    expect(value(r, 'above_scale_party_independent').target).toBe(100);
    const before = (await dongbang.get('/api/indicators?asOf=2011-02-28')).json() as IndicatorReport;
    expect(value(before, 'party_org_coverage').rate).toBeLessThan(100);
  });

  it('the 双帮双比 campaign shows 16 new independent and 26 new joint party organisations by 2011-09-30', async () => {
    const list = (await dongbang.get('/api/formation-campaigns')).json() as Array<{
      id: number;
      name: string;
    }>;
    const c = list.find((x) => x.name === '双帮双比')!;
    const p = (await dongbang.get(`/api/formation-campaigns/${c.id}?asOf=2011-09-30`)).json();
    expect(p).toMatchObject({
      startedOn: '2011-03-01',
      newIndependentParty: 16,
      newJointParty: 26,
      targetsWithoutParty: 0,
    });
    const early = (await dongbang.get(`/api/formation-campaigns/${c.id}?asOf=2011-03-01`)).json();
    expect(early.newIndependentParty + early.newJointParty).toBeLessThan(42);
    expect((await taicang.get(`/api/formation-campaigns/${c.id}`)).statusCode).toBe(404);
  });

  it('the district of 平江区 has a 2011 target above 40 % for union formation, compared with its rate', async () => {
    const unit = await unitIdByCode(t.handle, '320503');
    const r = (await admin.get(`/api/indicators?unitId=${unit}&asOf=2011-09-30`)).json() as IndicatorReport;
    expect(value(r, 'union_formation').target).toBe(40);
    expect(value(r, 'union_formation').denominator).toBeGreaterThan(20);
  });
});

describe('roll-ups, drill-down and targets', () => {
  it('sums numerators and denominators of the children and divides once', async () => {
    const r = (await admin.get('/api/indicators?asOf=2011-09-30')).json() as IndicatorReport;
    const key = 'union_formation';
    const parts = [...r.children, ...(r.direct ? [r.direct] : [])].map((c) =>
      c.values.find((v) => v.indicator === key)!,
    );
    const num = parts.reduce((s, v) => s + v.numerator, 0);
    const den = parts.reduce((s, v) => s + v.denominator, 0);
    expect(value(r, key)).toMatchObject({
      numerator: num,
      denominator: den,
      rate: Math.round((num * 10000) / den) / 100,
    });
    expect(r.children.map((c) => c.name)).toContain('平江区总工会');
  });

  it('lists the employers behind a numerator and a denominator', async () => {
    const r = (await dongbang.get('/api/indicators?asOf=2011-09-30')).json() as IndicatorReport;
    const v = value(r, 'above_scale_party_independent');
    const num = (
      await dongbang.get(
        '/api/indicators/employers?asOf=2011-09-30&indicator=above_scale_party_independent&part=numerator&pageSize=200',
      )
    ).json();
    const den = (
      await dongbang.get(
        '/api/indicators/employers?asOf=2011-09-30&indicator=above_scale_party_independent&part=denominator&pageSize=200',
      )
    ).json();
    expect(num.total).toBe(v.numerator);
    expect(den.total).toBe(v.denominator);
  });

  it('lists only the employers placed at the unit itself for its 直属 row', async () => {
    const town = await unitIdByCode(t.handle, '320581107');
    const res = await dongbang.post('/api/employers', {
      creditCode: makeCreditCode('9', '1', '320581', 55502),
      name: '直属统计测试有限公司',
      unitCategory: '170',
      industryCode: '13',
      employees: 60,
      aboveScale: false,
      orgUnitId: town,
      registeredOn: '2010-01-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = (await dongbang.get('/api/indicators')).json() as IndicatorReport;
    const direct = r.direct!.values.find((v) => v.indicator === 'union_formation')!;
    const list = (part: string, extra: string) =>
      dongbang.get(`/api/indicators/employers?indicator=union_formation&part=${part}&pageSize=200${extra}`);
    const den = (await list('denominator', '&direct=true')).json();
    expect(den.total).toBe(direct.denominator);
    expect(den.items.map((e: { name: string }) => e.name)).toContain('直属统计测试有限公司');
    expect(new Set(den.items.map((e: { orgUnitName: string }) => e.orgUnitName))).toEqual(
      new Set(['董浜镇工会']),
    );
    expect((await list('numerator', `&unitId=${town}&direct=true`)).json().total).toBe(direct.numerator);
    expect((await list('denominator', '&direct=false')).json().total).toBe(
      value(r, 'union_formation').denominator,
    );
    expect(value(r, 'union_formation').denominator).toBeGreaterThan(direct.denominator);
  });

  it('shows a trend, sets a target and keeps other units’ figures out of reach', async () => {
    const trend = (
      await dongbang.get('/api/indicators/trend?from=2010-01-01&to=2012-01-01&points=5')
    ).json() as IndicatorTrend;
    expect(trend.map((p) => p.date)).toEqual([
      '2010-01-01',
      '2010-07-03',
      '2011-01-01',
      '2011-07-03',
      '2012-01-01',
    ]);
    const dongbangId = await unitIdByCode(t.handle, '320581107');
    const set = await admin.request({
      method: 'PUT',
      url: '/api/targets',
      payload: { orgUnitId: dongbangId, indicator: 'union_formation', year: 2012, target: 55.5 },
    });
    expect(set.statusCode).toBe(200);
    expect((await dongbang.get('/api/targets?year=2012')).json()).toEqual([
      { orgUnitId: dongbangId, indicator: 'union_formation', year: 2012, target: 55.5 },
    ]);
    expect((await taicang.get(`/api/indicators?unitId=${dongbangId}`)).statusCode).toBe(404);
    expect(
      (
        await taicang.request({
          method: 'PUT',
          url: '/api/targets',
          payload: { orgUnitId: dongbangId, indicator: 'union_formation', year: 2012, target: 1 },
        })
      ).statusCode,
    ).toBe(404);
    const children = (await dongbang.get(`/api/orgs/${dongbangId}/children`)).json() as OrgUnit[];
    expect(children.length).toBeGreaterThan(0);
  });
});
