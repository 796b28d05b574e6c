import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { HeldImportRow, Member, MemberDetail, MemberImport } from '@gonghui/contracts';
import { nextResidentId, storedMembers } from './members-fixtures.ts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { personalData } from '../src/platform/personal-data/personal-data.ts';

let t: TestApp;
let dongbang: Client;
let guanzhi: number;
let townUnion: number;

/** A unit by its current name. */
async function unitNamed(name: string): Promise<number> {
  const r = await t.handle.db
    .selectFrom('org_unit_version')
    .select('org_unit_id')
    .where('name', '=', name)
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  return r.org_unit_id;
}

beforeAll(async () => {
  t = await buildTestApp();
  dongbang = await login(t.app, 'dongbang');
  guanzhi = await unitNamed('观智村联合工会');
  townUnion = dongbang.orgUnitId;
});
afterAll(() => t.close());

/** A live member who works at an employer, of a union or anywhere under one, with the clear resident ID. */
async function memberOf(orgUnitId: number, under = false) {
  const unit = await t.handle.db
    .selectFrom('org_unit_version')
    .select('path')
    .where('org_unit_id', '=', orgUnitId)
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  const m = await t.handle.db
    .selectFrom('member as m')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'm.org_unit_id').on('v.valid_to', 'is', null),
    )
    .select(['m.id', 'm.name', 'm.resident_id_cipher'])
    .$if(!under, (q) => q.where('m.org_unit_id', '=', orgUnitId))
    .$if(under, (q) => q.where('v.path', 'like', `${unit.path}%`))
    .where('m.status', '=', 'active')
    .where('m.employer_id', 'is not', null)
    .orderBy('m.id')
    .executeTakeFirstOrThrow();
  return { id: m.id, name: m.name, residentId: personalData().decrypt(m.resident_id_cipher) };
}

const stored = (ids: number[]) => storedMembers(t.handle, ids);

const csv = (header: string, lines: string[]) => Buffer.from(`${header}\n${lines.join('\n')}\n`, 'utf8');

async function importFile(client: Client, unit: number, body: Buffer): Promise<MemberImport> {
  const res = await client.request({
    method: 'POST',
    url: `/api/member-imports?orgUnitId=${unit}&fileName=roster.csv`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(200);
  await new JobRunner(t.handle.db, jobHandlers).drain();
  return (await client.get(`/api/member-imports/${(res.json() as MemberImport).id}`)).json() as MemberImport;
}
async function held(client: Client, importId: number) {
  const res = await client.get(`/api/member-imports/${importId}/held`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HeldImportRow[];
}
async function detail(client: Client, id: number) {
  return (await client.get(`/api/members/${id}`)).json() as MemberDetail;
}

describe('a roster row changes only a member of its own union', () => {
  it('leaves a member of 董浜镇工会 untouched when dongbang imports their ID for 观智村联合工会', async () => {
    const target = await memberOf(townUnion);
    const before = await stored([target.id]);
    const result = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码', [`改名（演示）,${target.residentId}`]),
    );
    expect(result.status).toBe('done');
    expect(result.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 1,
      nameChanges: 0,
    });
    expect(await stored([target.id])).toBe(before);
    const [row] = await held(dongbang, result.id);
    expect(row).toMatchObject({
      rowNo: 2,
      kind: 'elsewhere',
      name: '改名（演示）',
      registryNo: expect.any(String),
    });
    expect(row.message).toContain('董浜镇工会');
    expect(row.message).toContain(row.registryNo!);
    expect(row.message).toMatch(/会员关系接转/);
    expect(row.residentIdMasked).not.toContain(target.residentId);
  });

  it('says only "a member of another union" for a person held outside the caller scope', async () => {
    const outside = await memberOf(await unitNamed('太仓市总工会'), true);
    const before = await stored([outside.id]);
    const fresh = nextResidentId();
    const result = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码', [`外地（演示）,${outside.residentId}`, `新人（演示）,${fresh}`]),
    );
    expect(result.summary).toMatchObject({ created: 1, heldElsewhere: 1, errors: 0 });
    expect(await stored([outside.id])).toBe(before);
    const [row] = await held(dongbang, result.id);
    expect(row.registryNo).toBeNull();
    expect(row.message).toMatch(/^该人员已是其他工会的会员/);
    expect(row.message).not.toMatch(/太仓|HY\d/);
  });
});

describe('what a roster row may change', () => {
  async function ownMember() {
    const id = nextResidentId();
    const res = await dongbang.post('/api/members', {
      name: '本会（演示）',
      residentId: id,
      phone: '13912345678',
      ethnicity: '汉族',
      education: '高中',
      householdType: 'rural',
      migrantWorker: true,
      newEmploymentForm: true,
      orgUnitId: guanzhi,
      employerId: (
        await t.handle.db
          .selectFrom('member')
          .select('employer_id')
          .where('org_unit_id', '=', townUnion)
          .where('employer_id', 'is not', null)
          .executeTakeFirstOrThrow()
      ).employer_id,
      joinedOn: '2010-05-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    return { ...(res.json() as Member), residentId: id };
  }

  it('never erases through an absent column or an empty cell, and changes only the filled cells', async () => {
    const m = await ownMember();
    const before = await stored([m.id]);
    const absent = await importFile(dongbang, guanzhi, csv('姓名,身份证号码', [`${m.name},${m.residentId}`]));
    expect(absent.summary).toMatchObject({ updated: 0, unchanged: 1 });
    const empty = await importFile(
      dongbang,
      guanzhi,
      csv(
        '姓名,身份证号码,手机号码,民族,文化程度,户籍类型,农民工,新就业形态,工作单位统一社会信用代码,入会日期',
        [`${m.name},${m.residentId},,,,,,,,`],
      ),
    );
    expect(empty.summary).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await stored([m.id])).toBe(before);

    const filled = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码,手机号码,文化程度,农民工', [`${m.name},${m.residentId},,大专,否`]),
    );
    expect(filled.summary).toMatchObject({ updated: 1, unchanged: 0 });
    const after = await detail(dongbang, m.id);
    expect(after).toMatchObject({
      education: '大专',
      migrantWorker: false,
      newEmploymentForm: true,
      ethnicity: '汉族',
      householdType: 'rural',
      employerId: m.employerId,
      phoneMasked: m.phoneMasked,
    });
    expect(after.history.at(-1)!.note).toContain(`名册导入第 ${filled.id} 号`);
    const { rows } = await sql<{
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      parent: string;
    }>`
      select a.before, a.after, a.parent_id::text as parent from audit_log a
      where a.entity_type = 'member' and a.entity_id = ${String(m.id)} and a.action = 'member.import_update'`.execute(
      t.handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].before).toMatchObject({ education: '高中', migrantWorker: true });
    expect(rows[0].after).toMatchObject({ education: '大专', migrantWorker: false });
    expect(JSON.stringify(rows[0])).not.toContain(m.residentId);
    const parent = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('id', '=', Number(rows[0].parent))
      .executeTakeFirstOrThrow();
    expect(parent).toEqual({ action: 'member.import', entity_id: String(filled.id) });
  });

  it('holds a changed name on a known ID until the uploader confirms it', async () => {
    const m = await ownMember();
    const before = await stored([m.id]);
    const result = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码,文化程度', [`新名（演示）,${m.residentId},本科`]),
    );
    expect(result.summary).toMatchObject({ updated: 0, nameChanges: 1, heldElsewhere: 0 });
    expect(await stored([m.id])).toBe(before);
    const [row] = await held(dongbang, result.id);
    expect(row).toMatchObject({ kind: 'name', name: '新名（演示）', currentName: m.name, rowNo: 2 });
    const changshu = await login(t.app, 'changshu');
    const other = await changshu.post(`/api/member-imports/${result.id}/name-changes`, { rowNos: [2] });
    expect(other.statusCode).toBe(403);
    expect(
      (await dongbang.post(`/api/member-imports/${result.id}/name-changes`, { rowNos: [3] })).statusCode,
    ).toBe(400);
    const ok = await dongbang.post(`/api/member-imports/${result.id}/name-changes`, { rowNos: [2] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ applied: 1, dropped: 0 });
    expect(await detail(dongbang, m.id)).toMatchObject({ name: '新名（演示）', education: '本科' });
    expect(await held(dongbang, result.id)).toEqual([]);
  });

  it('enrols again a person who had left, saying so in the history', async () => {
    const m = await ownMember();
    const left = await dongbang.post(`/api/members/${m.id}/status`, {
      status: 'left',
      date: '2011-01-01',
      note: '本人申请退会',
    });
    expect(left.statusCode, left.body).toBe(200);
    const result = await importFile(dongbang, guanzhi, csv('姓名,身份证号码', [`${m.name},${m.residentId}`]));
    expect(result.summary).toMatchObject({ created: 1, heldElsewhere: 0 });
    const found = (
      (await dongbang.get(`/api/members?q=${m.residentId}&status=active`)).json() as { items: Member[] }
    ).items.find((x) => x.id !== m.id)!;
    const history = (await detail(dongbang, found.id)).history;
    expect(history[0].note).toContain(`名册导入第 ${result.id} 号`);
    expect(history[0].note).toContain(`重新入会（原会员编号 ${m.registryNo}）`);
  });
});

describe('transfers asked from the import result', () => {
  it('asks for the held rows in one action, and the union holding each member decides', async () => {
    const inTown = await memberOf(townUnion);
    const outside = await memberOf(await unitNamed('太仓市总工会'), true);
    const result = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码', [
        `${inTown.name},${inTown.residentId}`,
        `${outside.name},${outside.residentId}`,
      ]),
    );
    expect(result.summary).toMatchObject({ heldElsewhere: 2 });
    const taicang = await login(t.app, 'taicang');
    expect(
      (await taicang.post(`/api/member-imports/${result.id}/transfers`, { reason: '在本村就业' })).statusCode,
    ).toBe(404);
    const started = await dongbang.post(`/api/member-imports/${result.id}/transfers`, {
      reason: '在本村就业',
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toEqual({ started: 2, failed: [] });
    expect(
      (await dongbang.post(`/api/member-imports/${result.id}/transfers`, { reason: '在本村就业' }))
        .statusCode,
    ).toBe(409);
    const rows = await held(dongbang, result.id);
    expect(rows.every((r) => r.transferStatus === 'pending')).toBe(true);
    const [own, far] = rows.map((r) => r.transferId!);
    // The importer cannot accept its own request, though 董浜镇工会 lies in its scope.
    expect((await dongbang.post(`/api/transfers/${own}/decide`, { accept: true })).statusCode).toBe(403);
    const changshu = await login(t.app, 'changshu');
    const ok = await changshu.post(`/api/transfers/${own}/decide`, { accept: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await detail(dongbang, inTown.id)).orgUnitId).toBe(guanzhi);
    // Outside the scope, the holder sees who asks, and decides.
    const inbox = (await taicang.get('/api/transfers?box=inbox&status=pending')).json() as {
      items: Array<{ id: number; toOrgUnitName: string }>;
    };
    expect(inbox.items.find((x) => x.id === far)?.toOrgUnitName).toBe('观智村联合工会');
    expect((await taicang.post(`/api/transfers/${far}/decide`, { accept: true })).statusCode).toBe(200);
    expect((await detail(dongbang, outside.id)).orgUnitId).toBe(guanzhi);
  });
});

describe('undoing an import', () => {
  it('removes the members it created and gives changed members their values back, unless changed since', async () => {
    const id = nextResidentId();
    const enrolled = await dongbang.post('/api/members', {
      name: '撤销（演示）',
      residentId: id,
      phone: '13912340000',
      education: '高中',
      orgUnitId: guanzhi,
      joinedOn: '2010-05-01',
    });
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    const kept = enrolled.json() as Member;
    const fields = async () =>
      JSON.stringify(
        await sql`select name, phone_cipher, phone_hash, education, employer_id, org_unit_id, status from member where id = ${kept.id}`.execute(
          t.handle.db,
        ),
      );
    const before = await fields();
    const spansBefore = (await detail(dongbang, kept.id)).history;
    const fresh = [nextResidentId(), nextResidentId()];
    const result = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码,手机号码,文化程度', [
        `撤销（演示）,${id},13998760000,本科`,
        `撤新甲（演示）,${fresh[0]},,`,
        `撤新乙（演示）,${fresh[1]},,`,
      ]),
    );
    expect(result.summary).toMatchObject({ created: 2, updated: 1 });
    const undone = await dongbang.post(`/api/member-imports/${result.id}/undo`, {});
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toEqual({ removed: 2, restored: 1 });
    expect(await fields()).toBe(before);
    expect((await detail(dongbang, kept.id)).history).toEqual(spansBefore);
    const hashes = fresh.map((f) => personalData().lookupHash('resident_id', f));
    const gone = await sql`select id from member where resident_id_hash = any(${hashes}::bytea[])`.execute(
      t.handle.db,
    );
    expect(gone.rows).toEqual([]);
    expect((await dongbang.post(`/api/member-imports/${result.id}/undo`, {})).statusCode).toBe(409);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_log a join audit_log p on p.id = a.parent_id
      where p.action = 'member.import_undo' and p.entity_id = ${String(result.id)}`.execute(t.handle.db);
    expect(audited.rows[0].n).toBe(3);

    const again = await importFile(
      dongbang,
      guanzhi,
      csv('姓名,身份证号码,文化程度', [`撤销（演示）,${id},大专`]),
    );
    expect(again.summary).toMatchObject({ updated: 1 });
    const edited = await dongbang.patch(`/api/members/${kept.id}`, { education: '硕士研究生' });
    expect(edited.statusCode, edited.body).toBe(200);
    const blocked = await dongbang.post(`/api/member-imports/${again.id}/undo`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain(kept.registryNo);
    expect((await detail(dongbang, kept.id)).education).toBe('硕士研究生');
  });
});
