import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type {
  AgreementDetail,
  AgreementEmployersResult,
  Agreement,
  AuditEntry,
  Employer,
  Page,
} from '@gonghui/contracts';
import { loadAgreementsDemo } from '../src/modules/agreements/index.ts';
import { today } from '../src/platform/orgs/dates.ts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';

let t: TestApp;
let changshu: Client;
let dongbang: Client;
let taicang: Client;
let dongbangTown: number;
let own: Employer;
let joint: Employer[];

const employers = async (client: Client, query: string) =>
  ((await client.get(`/api/employers?${query}`)).json() as Page<Employer>).items;

const enterpriseBody = (over: Record<string, unknown> = {}) => ({
  kind: 'enterprise',
  wageSpecific: true,
  title: '测试企业工资专项集体合同',
  orgUnitId: own.grassrootsUnionId,
  signedOn: '2024-12-20',
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  raiseBp: 550,
  minimumWageFen: 252000,
  filedOn: '2025-01-10',
  employerIds: [own.id],
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  const signed = await t.handle.db
    .selectFrom('collective_agreement')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (!signed) await loadAgreementsDemo(t.handle.db);
  changshu = await login(t.app, 'changshu');
  dongbang = await login(t.app, 'dongbang');
  taicang = await login(t.app, 'taicang');
  dongbangTown = await unitIdByCode(t.handle, '320581107');
  own = (await employers(dongbang, 'unionStatus=own&pageSize=1'))[0];
  joint = await employers(dongbang, 'unionStatus=joint&pageSize=3&sort=employees');
});
afterAll(() => t.close());

describe('demo agreements', () => {
  /** Share of unionised employers under a wage agreement in force on a date. */
  async function wageCoverage(date: string) {
    const { rows } = await sql<{ covered: number; unionised: number }>`
      with u as (
        select distinct c.employer_id from employer_status_change c
        where c.aspect = 'union' and c.valid_from <= ${date}
          and c.value in ('own', 'joint')
          and not exists (select 1 from employer_status_change l where l.employer_id = c.employer_id
            and l.aspect = 'union' and l.valid_from <= ${date} and l.valid_from > c.valid_from)
      )
      select (select count(*)::int from u where exists (
                select 1 from collective_agreement_employer ae
                join collective_agreement a on a.id = ae.agreement_id
                where ae.employer_id = u.employer_id and a.wage_specific
                  and a.starts_on <= ${date} and a.ends_on >= ${date})) as covered,
             (select count(*)::int from u) as unionised`.execute(t.handle.db);
    return rows[0].covered / rows[0].unionised;
  }

  it('covers most unionised employers today and fewer in 2011', async () => {
    const now = await wageCoverage(today());
    const then = await wageCoverage('2011-09-30');
    expect(now).toBeGreaterThan(0.6);
    expect(now).toBeLessThan(0.85);
    expect(then).toBeGreaterThan(0.1);
    expect(then).toBeLessThan(now);
  });

  it('has every kind, with terms of one to three years and raises of 3–8 %', async () => {
    const rows = await t.handle.db
      .selectFrom('collective_agreement')
      .select(['kind', 'starts_on', 'ends_on', 'raise_bp', 'wage_specific'])
      .execute();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['enterprise', 'regional', 'industry']));
    for (const r of rows) {
      const years = (Date.parse(r.ends_on) - Date.parse(r.starts_on)) / (365.25 * 86400000);
      expect(years).toBeLessThan(3.01);
      if (r.wage_specific) expect(r.raise_bp).toBeGreaterThanOrEqual(300);
      if (r.wage_specific) expect(r.raise_bp).toBeLessThanOrEqual(800);
    }
  });
});

describe('creating and editing agreements', () => {
  it('refuses a body with missing or wrong fields, naming each field', async () => {
    const empty = await dongbang.post('/api/agreements', {});
    expect(empty.statusCode).toBe(400);
    const message = empty.json().error.message as string;
    for (const text of ['请选择合同类型', '请填写合同名称', '请选择签约工会', '请选择是否工资专项集体合同'])
      expect(message).toContain(text);
    const wrong = await dongbang.post(
      '/api/agreements',
      enterpriseBody({ startsOn: '2025-13-01', raiseBp: 5.5, employerIds: [] }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('生效日期格式应为 YYYY-MM-DD');
    expect(wrong.json().error.message).toContain('工资增幅最多两位小数');
    expect(wrong.json().error.message).toContain('请至少选择一家覆盖的单位');
  });

  it('refuses dates out of order, a term over three years and two employers on an enterprise agreement', async () => {
    const early = await dongbang.post('/api/agreements', enterpriseBody({ startsOn: '2024-12-01' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details).toEqual([
      { field: 'startsOn', message: '生效日期不能早于签订日期 2024-12-20' },
    ]);
    const long = await dongbang.post('/api/agreements', enterpriseBody({ endsOn: '2028-01-01' }));
    expect(long.json().error.details).toEqual([
      { field: 'endsOn', message: '集体合同期限一般为 1 至 3 年，期满日期最晚为 2027-12-31' },
    ]);
    const two = await dongbang.post(
      '/api/agreements',
      enterpriseBody({ employerIds: [own.id, joint[0].id] }),
    );
    expect(two.json().error.details).toEqual([
      { field: 'employerIds', message: '企业集体合同只覆盖一家单位' },
    ]);
    const filed = await dongbang.post('/api/agreements', enterpriseBody({ filedOn: '2024-01-01' }));
    expect(filed.json().error.details[0].field).toBe('filedOn');
  });

  it('creates an enterprise wage agreement, audited, with the workers it covers', async () => {
    const res = await dongbang.post('/api/agreements', enterpriseBody());
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as AgreementDetail;
    expect(a).toMatchObject({
      kind: 'enterprise',
      wageSpecific: true,
      orgUnitId: own.grassrootsUnionId,
      raiseBp: 550,
      minimumWageFen: 252000,
      employerCount: 1,
      workersCovered: own.employees,
    });
    expect(a.employers.map((e) => e.id)).toEqual([own.id]);
    expect((await dongbang.get(`/api/agreements/${a.id}`)).json()).toEqual(a);
    const log = (await dongbang.get('/api/audit?action=agreement.create')).json() as Page<AuditEntry>;
    expect(log.items[0]).toMatchObject({ entityType: 'collective_agreement', entityId: String(a.id) });

    const edited = await dongbang.patch(`/api/agreements/${a.id}`, { endsOn: '2026-12-31', raiseBp: 600 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ endsOn: '2026-12-31', raiseBp: 600, title: a.title });
    const update = ((await dongbang.get('/api/audit?action=agreement.update')).json() as Page<AuditEntry>)
      .items[0];
    expect(update.before).toMatchObject({ endsOn: '2025-12-31', raiseBp: 550 });
    expect(update.after).toMatchObject({ endsOn: '2026-12-31', raiseBp: 600 });

    const bad = await dongbang.patch(`/api/agreements/${a.id}`, { endsOn: '2024-06-30' });
    expect(bad.json().error.details).toEqual([
      { field: 'endsOn', message: '期满日期不能早于生效日期 2025-01-01' },
    ]);
    const second = await dongbang.post(`/api/agreements/${a.id}/employers`, { employerIds: [joint[0].id] });
    expect(second.json().error.details).toEqual([
      { field: 'employerIds', message: '企业集体合同只覆盖一家单位' },
    ]);
  });

  it('adds and removes the employers of a regional agreement, keeping at least one', async () => {
    const [a, b, c] = joint;
    const created = await dongbang.post('/api/agreements', {
      ...enterpriseBody({ kind: 'regional', orgUnitId: dongbangTown, employerIds: [a.id, b.id] }),
      title: '董浜镇区域性工资专项集体合同（测试）',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as AgreementDetail).id;
    const added = await dongbang.post(`/api/agreements/${id}/employers`, { employerIds: [b.id, c.id] });
    expect(added.statusCode, added.body).toBe(200);
    const result = added.json() as AgreementEmployersResult;
    expect(result).toMatchObject({ changed: 1, unchanged: 1 });
    expect(result.agreement.workersCovered).toBe(a.employees + b.employees + c.employees);
    expect(result.agreement.employers.map((e) => e.id).sort()).toEqual([a.id, b.id, c.id].sort());

    const removed = await dongbang.post(`/api/agreements/${id}/employers/remove`, { employerIds: [a.id] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as AgreementEmployersResult).agreement.employerCount).toBe(2);
    const notCovered = await dongbang.post(`/api/agreements/${id}/employers/remove`, { employerIds: [a.id] });
    expect(notCovered.json().error.details).toEqual([
      { field: 'employerIds.0', message: '第 1 家单位不在本合同的覆盖范围内' },
    ]);
    const all = await dongbang.post(`/api/agreements/${id}/employers/remove`, { employerIds: [b.id, c.id] });
    expect(all.json().error.message).toContain('至少要覆盖一家单位');

    const log = (await dongbang.get('/api/audit?entityType=collective_agreement')).json() as Page<AuditEntry>;
    const mine = log.items.filter((e) => e.entityId === String(id)).map((e) => e.action);
    expect(mine).toEqual(['agreement.remove_employers', 'agreement.add_employers', 'agreement.create']);
    const removal = log.items.find((e) => e.action === 'agreement.remove_employers')!;
    expect(removal.after).toMatchObject({ removed: [a.id] });
  });
});

describe('the agreement list', () => {
  it('filters by kind, wage flag, date in force, title and union, and pages', async () => {
    const page1 = (await changshu.get('/api/agreements?pageSize=10')).json() as Page<Agreement>;
    expect(page1.items).toHaveLength(10);
    expect(page1.total).toBeGreaterThan(100);
    const page2 = (await changshu.get('/api/agreements?pageSize=10&page=2')).json() as Page<Agreement>;
    expect(page2.items.map((x) => x.id)).not.toContain(page1.items[0].id);
    expect(page1.items[0].startsOn >= page1.items[9].startsOn).toBe(true);

    const regional = (
      await changshu.get('/api/agreements?kind=regional&pageSize=50')
    ).json() as Page<Agreement>;
    expect(regional.total).toBeGreaterThan(0);
    expect(regional.items.every((x) => x.kind === 'regional')).toBe(true);
    const general = (
      await changshu.get('/api/agreements?wageSpecific=false&pageSize=50')
    ).json() as Page<Agreement>;
    expect(general.items.every((x) => !x.wageSpecific)).toBe(true);

    const date = '2011-09-30';
    const inForce = (
      await changshu.get(`/api/agreements?inForceOn=${date}&pageSize=200`)
    ).json() as Page<Agreement>;
    expect(inForce.total).toBeGreaterThan(0);
    expect(inForce.items.every((x) => x.startsOn <= date && x.endsOn >= date)).toBe(true);

    const q = (
      await dongbang.get(`/api/agreements?q=${encodeURIComponent('（测试）')}`)
    ).json() as Page<Agreement>;
    expect(q.items.map((x) => x.title)).toEqual(['董浜镇区域性工资专项集体合同（测试）']);

    const town = (
      await changshu.get(`/api/agreements?orgUnitId=${dongbangTown}&pageSize=200`)
    ).json() as Page<Agreement>;
    const dongbangAll = (await dongbang.get('/api/agreements?pageSize=200')).json() as Page<Agreement>;
    expect(town.total).toBe(dongbangAll.total);

    // Those covering one employer: each lists it among its employers.
    const covering = (await changshu.get(`/api/agreements?pageSize=1`)).json() as Page<Agreement>;
    const employersOf = async (id: number) =>
      ((await changshu.get(`/api/agreements/${id}`)).json() as AgreementDetail).employers.map((x) => x.id);
    const firm = { id: (await employersOf(covering.items[0].id))[0] };
    const ofFirm = (
      await changshu.get(`/api/agreements?employerId=${firm.id}&pageSize=200`)
    ).json() as Page<Agreement>;
    expect(ofFirm.items.map((x) => x.id)).toContain(covering.items[0].id);
    for (const a of ofFirm.items) expect(await employersOf(a.id)).toContain(firm.id);
    expect((await changshu.get('/api/agreements?employerId=abc')).statusCode).toBe(400);

    // Two comprehensive agreements of a firm whose union had signed none, the later one not renewed.
    const quiet = await sql<{ id: number; union: number }>`
      select e.id, e.grassroots_union_id as union from employer e
      join org_unit_version v on v.org_unit_id = e.org_unit_id and v.valid_to is null
      where e.union_status = 'own' and e.closed_on is null and v.path like ${`%/${dongbangTown}/%`}
        and not exists (select 1 from collective_agreement a where a.org_unit_id = e.grassroots_union_id)
      order by e.id limit 1`.execute(t.handle.db);
    const firm2 = quiet.rows[0];
    const created: number[] = [];
    for (const year of [2014, 2015]) {
      const res = await dongbang.post(
        '/api/agreements',
        enterpriseBody({
          wageSpecific: false,
          title: `测试企业${year}年度综合集体合同`,
          signedOn: `${year - 1}-12-20`,
          startsOn: `${year}-01-01`,
          endsOn: `${year}-12-31`,
          filedOn: null,
          raiseBp: null,
          minimumWageFen: null,
          orgUnitId: firm2.union,
          employerIds: [firm2.id],
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      created.push((res.json() as Agreement).id);
    }
    // Today's standing.
    const day = today();
    const in90 = dayjs(day).add(90, 'day').format('YYYY-MM-DD');
    const listed = async (status: string) =>
      (await dongbang.get(`/api/agreements?status=${status}&pageSize=200`)).json() as Page<Agreement>;
    const [inForceNow, expiring, expired, lapsed] = await Promise.all(
      ['inForce', 'expiring', 'expired', 'lapsed'].map(listed),
    );
    expect(inForceNow.items.every((x) => x.startsOn <= day && day <= x.endsOn)).toBe(true);
    expect(expiring.items.every((x) => x.startsOn <= day && day <= x.endsOn && x.endsOn <= in90)).toBe(true);
    expect(expired.items.every((x) => x.endsOn < day)).toBe(true);
    expect(expired.total).toBeGreaterThan(0);
    expect(lapsed.total).toBeLessThanOrEqual(expired.total);
    // Lapsed: no later agreement of the same kind and wage flag by the same union; every other ended one has one.
    const lapsedIds = new Set(lapsed.items.map((x) => x.id));
    const lines = await t.handle.db
      .selectFrom('collective_agreement')
      .select(['id', 'org_unit_id', 'kind', 'wage_specific', 'starts_on'])
      .execute();
    const hasLater = (a: Agreement) =>
      lines.some(
        (b) =>
          b.org_unit_id === a.orgUnitId &&
          b.kind === a.kind &&
          b.wage_specific === a.wageSpecific &&
          String(b.starts_on) > a.startsOn,
      );
    for (const a of expired.items)
      expect({ id: a.id, lapsed: lapsedIds.has(a.id) }).toEqual({ id: a.id, lapsed: !hasLater(a) });
    expect([lapsedIds.has(created[0]), lapsedIds.has(created[1])]).toEqual([false, true]);
    expect((await dongbang.get('/api/agreements?status=old')).statusCode).toBe(400);

    const bad = await changshu.get('/api/agreements?inForceOn=2011-02-30&kind=other');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('生效日期格式应为');
  });

  it('exports the filtered rows to Excel with coverage and money as numbers', async () => {
    const res = await dongbang.get('/api/agreements/export?kind=regional');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('集体合同')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([
      '合同名称',
      '合同类型',
      '工资专项',
      '签约工会',
      '签订日期',
      '生效日期',
      '期满日期',
      '备案日期',
      '工资增幅（%）',
      '最低工资（元/月）',
      '覆盖单位数',
      '覆盖单位',
      '覆盖职工人数',
    ]);
    const list = (await dongbang.get('/api/agreements?kind=regional&pageSize=200')).json() as Page<Agreement>;
    expect(sheet.rowCount - 1).toBe(list.total);
    const mine = list.items.find((x) => x.title.endsWith('（测试）'))!;
    const row = sheet.getRow(list.items.indexOf(mine) + 2);
    expect(row.getCell(2).value).toBe('区域性集体合同');
    expect(row.getCell(9).value).toBe(5.5);
    expect(row.getCell(10).value).toBe(2520);
    expect(row.getCell(13).value).toBe(mine.workersCovered);
  });
});

describe('scope', () => {
  let taicangAgreement: number;
  beforeAll(async () => {
    taicangAgreement = ((await taicang.get('/api/agreements?pageSize=1')).json() as Page<Agreement>).items[0]
      .id;
  });

  it('changshu can neither read nor change taicang’s agreements, exactly as if missing', async () => {
    const read = await changshu.get(`/api/agreements/${taicangAgreement}`);
    const missing = await changshu.get('/api/agreements/99999999');
    expect(read.statusCode).toBe(404);
    expect(read.json().error.message).toBe(missing.json().error.message);
    expect(
      (await changshu.patch(`/api/agreements/${taicangAgreement}`, { title: '越权修改的合同' })).statusCode,
    ).toBe(404);
    expect(
      (await changshu.post(`/api/agreements/${taicangAgreement}/employers`, { employerIds: [own.id] }))
        .statusCode,
    ).toBe(404);
    const before = (await taicang.get(`/api/agreements/${taicangAgreement}`)).json() as AgreementDetail;
    expect(
      (
        await changshu.post(`/api/agreements/${taicangAgreement}/employers/remove`, {
          employerIds: [before.employers[0].id],
        })
      ).statusCode,
    ).toBe(404);
    expect((await taicang.get(`/api/agreements/${taicangAgreement}`)).json()).toEqual(before);
    const list = (await changshu.get('/api/agreements?pageSize=200')).json() as Page<Agreement>;
    expect(list.items.map((x) => x.id)).not.toContain(taicangAgreement);
  });

  it('changshu cannot cover a taicang employer nor sign for a taicang union', async () => {
    const taicangEmployer = (await employers(taicang, 'pageSize=1'))[0];
    const mine = (
      (await dongbang.get(`/api/agreements?q=${encodeURIComponent('（测试）')}`)).json() as Page<Agreement>
    ).items[0];
    const res = await changshu.post(`/api/agreements/${mine.id}/employers`, {
      employerIds: [taicangEmployer.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'employerIds.0', message: '第 1 家单位不存在、已注销或不在您的管辖范围内' },
    ]);
    const signer = await changshu.post(
      '/api/agreements',
      enterpriseBody({ kind: 'regional', orgUnitId: await unitIdByCode(t.handle, '320585') }),
    );
    expect(signer.json().error.details).toEqual([
      { field: 'orgUnitId', message: '签约工会不存在或不在您的管辖范围内' },
    ]);
  });

  it('refuses a regional agreement covering a firm outside the signing town', async () => {
    const elsewhere = (await employers(changshu, 'unionStatus=joint&pageSize=200')).find(
      (e) => !joint.some((j) => j.id === e.id) && e.orgUnitName.indexOf('董浜') < 0,
    )!;
    const res = await changshu.post(
      '/api/agreements',
      enterpriseBody({ kind: 'regional', orgUnitId: dongbangTown, employerIds: [elsewhere.id] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toContain('不在签约工会');
  });
});

describe('the signed contract’s scan', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
  const upload = (client: Client, id: number, fileName: string, body: Buffer, type = 'application/pdf') =>
    client.request({
      method: 'POST',
      url: `/api/agreements/${id}/scans?fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': type },
      payload: body,
    });

  it('keeps a PDF with the agreement, lists it, and audits its download; a Word file or a fake is refused', async () => {
    const mine = ((await dongbang.get('/api/agreements?pageSize=1')).json() as Page<Agreement>).items[0];
    const res = await upload(dongbang, mine.id, '工资专项集体合同（盖章页）.pdf', pdf);
    expect(res.statusCode).toBe(200);
    const scan = (res.json() as AgreementDetail).scans.at(-1)!;
    expect(scan).toMatchObject({
      fileName: '工资专项集体合同（盖章页）.pdf',
      contentType: 'application/pdf',
    });
    expect(
      ((await dongbang.get(`/api/agreements/${mine.id}`)).json() as AgreementDetail).scans,
    ).toContainEqual(scan);
    const download = await dongbang.get(`/api/attachments/${scan.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const log = (
      await changshu.get('/api/audit?action=attachment.download&pageSize=5')
    ).json() as Page<AuditEntry>;
    expect(log.items.map((e) => e.entityId)).toContain(String(scan.id));

    const word = await upload(dongbang, mine.id, '合同.docx', Buffer.from('PK\u0003\u0004'));
    expect(word.statusCode).toBe(400);
    expect(word.json().error.message).toContain('合同扫描件只能是 PDF 或图片');
    const fake = await upload(dongbang, mine.id, '合同.pdf', Buffer.from('not a pdf'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('文件内容不是PDF');
    const after = (await dongbang.get(`/api/agreements/${mine.id}`)).json() as AgreementDetail;
    expect(after.scans).toHaveLength((res.json() as AgreementDetail).scans.length);
  });

  it('another district can neither add a scan nor download one, exactly as if missing', async () => {
    const mine = ((await dongbang.get('/api/agreements?pageSize=1')).json() as Page<Agreement>).items[0];
    const scan = ((await upload(dongbang, mine.id, '扫描件.pdf', pdf)).json() as AgreementDetail).scans.at(
      -1,
    )!;
    expect((await upload(taicang, mine.id, '越权.pdf', pdf)).statusCode).toBe(404);
    const foreign = await taicang.get(`/api/attachments/${scan.id}`);
    const missing = await taicang.get('/api/attachments/99999999');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe(missing.json().error.message);
  });
});
