import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { csv, importHelpers, row } from './employers-import-fixtures.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';

let t: TestApp;
let changshu: Client;
let dongbang: Client;
let taicang: Client;

beforeAll(async () => {
  t = await buildTestApp();
  [changshu, dongbang, taicang] = await Promise.all(
    ['changshu', 'dongbang', 'taicang'].map((u) => login(t.app, u)),
  );
});
afterAll(() => t.close());

const { importFile } = importHelpers(() => t.handle.db);

/** An employer's row and status history exactly as stored. */
async function snapshot(code: string) {
  const db = t.handle.db;
  const employer = await db
    .selectFrom('employer')
    .selectAll()
    .where('credit_code', '=', code)
    .executeTakeFirst();
  const statuses = employer
    ? await db
        .selectFrom('employer_status_change')
        .selectAll()
        .where('employer_id', '=', employer.id)
        .orderBy('id')
        .execute()
    : [];
  return { employer, statuses };
}

const withoutStamp = <T extends { employer?: { updated_at: unknown } }>(s: T) => ({
  ...s,
  employer: s.employer ? { ...s.employer, updated_at: null } : undefined,
});

describe('undoing an employer import', () => {
  it('removes the employers it registered and gives changed ones their values and history back', async () => {
    const kept = row({ address: '董浜镇原址路 1 号', unionStatus: '联合建会', unionSince: '2010-05-01' });
    expect((await importFile(dongbang, '原有.csv', csv([kept]))).result).toMatchObject({ created: 1 });
    const before = await snapshot(kept.creditCode!);
    const fresh = [row(), row({ unionStatus: '单独建会', unionSince: '2011-04-01' })];
    const changed = {
      ...kept,
      name: `${kept.name!.replace('（演示）', '')}改名（演示）`,
      employees: '75',
      unionStatus: '单独建会',
      unionSince: '2011-06-01',
      partyStatus: '联合组建',
      partySince: '2011-07-01',
    };
    const units = Number(
      (
        await t.handle.db
          .selectFrom('org_unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const done = await importFile(dongbang, '改动.csv', csv([...fresh, changed]));
    expect(done.result).toMatchObject({ created: 2, updated: 1, applied: true });
    expect(done.undone).toBe(false);
    expect((await snapshot(kept.creditCode!)).employer?.employees).toBe(75);

    // Outside the importer's area the import does not exist.
    expect((await taicang.post(`/api/employer-imports/${done.id}/undo`, {})).statusCode).toBe(404);

    const undone = await dongbang.post(`/api/employer-imports/${done.id}/undo`, {});
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toEqual({ removed: 2, restored: 1 });
    expect(withoutStamp(await snapshot(kept.creditCode!))).toEqual(withoutStamp(before));
    for (const f of fresh) expect((await snapshot(f.creditCode!)).employer).toBeUndefined();
    // The grassroots unions the import founded (one new, one for the changed employer) are gone again.
    const unitsAfter = Number(
      (
        await t.handle.db
          .selectFrom('org_unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(unitsAfter).toBe(units);

    const status = (await dongbang.get(`/api/employer-imports/${done.id}`)).json();
    expect(status).toMatchObject({ status: 'done', undone: true });
    const again = await dongbang.post(`/api/employer-imports/${done.id}/undo`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该导入已撤销');

    const entry = await t.handle.db
      .selectFrom('audit_log')
      .select(['id', 'username', 'after'])
      .where('action', '=', 'employer.import_undo')
      .where('entity_id', '=', String(done.id))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ username: 'dongbang', after: { removed: 2, restored: 1 } });
    const children = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after', 'scope_path'])
      .where('parent_id', '=', entry.id)
      .orderBy('id')
      .execute();
    expect(children.filter((c) => c.action === 'employer.import_undo_employer')).toHaveLength(3);
    expect(children.filter((c) => c.action === 'employer.import_undo_union')).toHaveLength(2);
    expect(children.every((c) => c.scope_path !== null)).toBe(true);
    const restoredEntry = children.find((c) => c.entity_id === String(before.employer!.id))!;
    expect(restoredEntry).toMatchObject({
      before: { employees: 75, unionStatus: 'own' },
      after: { employees: 60, unionStatus: 'joint', address: '董浜镇原址路 1 号' },
    });
    // The import's own entries of each employer point at the import's entry.
    const importEntry = await t.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'employer.import')
      .where('entity_id', '=', String(done.id))
      .executeTakeFirstOrThrow();
    const linked = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('parent_id', '=', importEntry.id)
      .execute();
    expect(linked.map((l) => l.action).sort()).toEqual([
      'employer.create',
      'employer.create',
      'employer.update',
    ]);
  });

  it('refuses, in Chinese and naming the employer, while an employer changed since, and changes nothing', async () => {
    const rows = [row(), row()];
    const done = await importFile(dongbang, '随后修改.csv', csv(rows));
    expect(done.result).toMatchObject({ created: 2 });
    const edited = (await snapshot(rows[1].creditCode!)).employer!;
    const patch = await changshu.patch(`/api/employers/${edited.id}`, { employees: 99 });
    expect(patch.statusCode, patch.body).toBe(200);
    const before = [await snapshot(rows[0].creditCode!), await snapshot(rows[1].creditCode!)];
    const refused = await dongbang.post(`/api/employer-imports/${done.id}/undo`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      `导入后已有 1 家单位的信息又有变动，不能整体撤销：${edited.name}（${edited.credit_code}）`,
    );
    expect(refused.json().error.details).toEqual({ employerIds: [edited.id] });
    expect([await snapshot(rows[0].creditCode!), await snapshot(rows[1].creditCode!)]).toEqual(before);
    expect((await dongbang.get(`/api/employer-imports/${done.id}`)).json().undone).toBe(false);
  });

  it('refuses an import that wrote nothing', async () => {
    const bad = await importFile(dongbang, '有错.csv', csv([row(), row({ employees: '很多' })]));
    expect(bad.result).toMatchObject({ applied: false, invalid: 1 });
    const refused = await dongbang.post(`/api/employer-imports/${bad.id}/undo`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('只有已写入数据的导入可以撤销');
  });

  it('answers what it did when its job runs again after the import was applied', async () => {
    const rows = [row(), row()];
    const done = await importFile(dongbang, '重跑.csv', csv(rows));
    expect(done.result).toMatchObject({ created: 2, applied: true });
    // As after a crash between the commit and marking the job done: the job is queued once more.
    const { job_id } = await t.handle.db
      .selectFrom('employer_import')
      .select('job_id')
      .where('id', '=', done.id)
      .executeTakeFirstOrThrow();
    await t.handle.db
      .updateTable('job')
      .set({ status: 'queued', result: null })
      .where('id', '=', job_id!)
      .execute();
    const employers = await snapshot(rows[0].creditCode!);
    await new JobRunner(t.handle.db, jobHandlers).drain();
    const rerun = (await dongbang.get(`/api/employer-imports/${done.id}`)).json();
    expect(rerun.result).toEqual(done.result);
    expect(await snapshot(rows[0].creditCode!)).toEqual(employers);
  });
});
