import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { nextResidentId, storedMembers } from './members-fixtures.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { buildDistricts } from './factories.ts';
import { importMembersFile, writeHeldReport } from '../src/cli/members-io.ts';
import { personalData } from '../src/platform/personal-data/personal-data.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildDistricts>>;
let dir: string;
/** The union the command imports into: a village of district A. */
let union: number;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  world = await buildDistricts(t.handle.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-cli-'));
  union = world.aVillages[0].id;
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const han = (i: number) =>
  String.fromCharCode(0x4e00 + (i % 500)) + String.fromCharCode(0x4e00 + Math.floor(i / 500));

/** Live members enrolled by import at the villages of district B, half at each, with their clear IDs. */
async function membersOfDistrictB(n: number) {
  const people = Array.from({ length: n }, (_, i) => ({
    name: `乙区${han(i)}（演示）`,
    id: nextResidentId(),
  }));
  const villages = world.bVillages.map((v) => v.id);
  for (const [k, village] of villages.entries()) {
    const part = people.filter((_, i) => i % villages.length === k);
    const { summary } = await importMembersFile(t.handle.db, writeCsv(`b${k}.csv`, part), String(village));
    expect(summary).toMatchObject({ created: part.length, errors: 0 });
  }
  const hashes = people.map((p) => personalData().lookupHash('resident_id', p.id));
  const { rows } = await sql<{ id: number; cipher: Buffer }>`
    select id, resident_id_cipher as cipher from member
    where resident_id_hash = any(${hashes}::bytea[]) order by id`.execute(t.handle.db);
  return rows.map((r) => ({ id: r.id, residentId: personalData().decrypt(r.cipher) }));
}

/** How many audit entries concern these members. */
async function auditedCount(ids: number[]) {
  const audited = await sql<{ n: number }>`
    select count(*)::int as n from audit_log
    where entity_type = 'member' and entity_id = any(${ids.map(String)}::text[])`.execute(t.handle.db);
  return audited.rows[0].n;
}

function writeCsv(name: string, rows: Array<{ name: string; id: string }>): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `姓名,身份证号码\n${rows.map((r) => `${r.name},${r.id}`).join('\n')}\n`);
  return file;
}

describe('gonghui import members', () => {
  it('leaves members of other districts byte for byte as they were when a few thousand IDs collide', async () => {
    const others = await membersOfDistrictB(1000);
    expect(others.length).toBe(1000);
    const before = await storedMembers(
      t.handle,
      others.map((o) => o.id),
    );
    const auditedBefore = await auditedCount(others.map((o) => o.id));
    const fresh = Array.from({ length: 2000 }, (_, i) => ({
      name: `命令${han(i)}（演示）`,
      id: nextResidentId(),
    }));
    const rows = [
      ...fresh.slice(0, 1000),
      ...others.map((o, i) => ({ name: `撞号${han(i)}（演示）`, id: o.residentId })),
      ...fresh.slice(1000),
    ];
    const file = writeCsv('collide.csv', rows);
    const { importId, summary } = await importMembersFile(t.handle.db, file, String(union));
    expect(summary).toEqual({
      created: 2000,
      updated: 0,
      unchanged: 0,
      errors: 0,
      heldElsewhere: 1000,
      nameChanges: 0,
    });
    expect(
      await storedMembers(
        t.handle,
        others.map((o) => o.id),
      ),
    ).toBe(before);
    expect(await auditedCount(others.map((o) => o.id))).toBe(auditedBefore);
    // The command line sees the whole city: the holding union is named, with the registry number.
    const held = await t.handle.db
      .selectFrom('member_import_held')
      .select(['row_no', 'message'])
      .where('import_id', '=', importId)
      .orderBy('row_no')
      .execute();
    expect(held.map((h) => h.row_no)).toEqual(others.map((_, i) => 1002 + i));
    expect(held[0].message).toMatch(/已是「.+」的会员.*HY\d{8}.*会员关系接转/);
    const report = await writeHeldReport(t.handle.db, importId, file);
    expect(report && fs.existsSync(report)).toBe(true);
  });

  it('renames a known member only with --accept-name-changes', async () => {
    const id = nextResidentId();
    await importMembersFile(t.handle.db, writeCsv('one.csv', [{ name: '原名（演示）', id }]), String(union));
    const renamed = writeCsv('renamed.csv', [{ name: '新名（演示）', id }]);
    const held = await importMembersFile(t.handle.db, renamed, String(union));
    expect(held.summary).toMatchObject({ updated: 0, nameChanges: 1 });
    const nameOf = async () =>
      (
        await t.handle.db
          .selectFrom('member')
          .select('name')
          .where('resident_id_hash', '=', personalData().lookupHash('resident_id', id))
          .executeTakeFirstOrThrow()
      ).name;
    expect(await nameOf()).toBe('原名（演示）');
    const accepted = await importMembersFile(t.handle.db, renamed, String(union), {
      acceptNameChanges: true,
    });
    expect(accepted.summary).toMatchObject({ updated: 1, nameChanges: 1 });
    expect(await nameOf()).toBe('新名（演示）');
  });

  it('takes each row’s own union when --union is not given, and asks for it only for a row without one', async () => {
    const other = world.aVillages[1].id;
    const named = path.join(dir, 'named.csv');
    const a = nextResidentId();
    const b = nextResidentId();
    fs.writeFileSync(
      named,
      `姓名,身份证号码,所属工会编号\n甲某（演示）,${a},${other}\n乙某（演示）,${b},${other}\n`,
    );
    const { summary } = await importMembersFile(t.handle.db, named, undefined);
    expect(summary).toMatchObject({ created: 2, errors: 0 });
    const unions = await t.handle.db
      .selectFrom('member')
      .select('org_unit_id')
      .where(
        'resident_id_hash',
        'in',
        [a, b].map((id) => personalData().lookupHash('resident_id', id)),
      )
      .execute();
    expect(unions.map((u) => u.org_unit_id)).toEqual([other, other]);

    const gap = path.join(dir, 'gap.csv');
    const c = nextResidentId();
    fs.writeFileSync(
      gap,
      `姓名,身份证号码,所属工会编号\n丙某（演示）,${nextResidentId()},${other}\n丁某（演示）,${c},\n`,
    );
    await expect(importMembersFile(t.handle.db, gap, undefined)).rejects.toThrow(
      '第 3 行的“所属工会编号”为空：请在文件中填写，或用 --union 指定这些行所属的工会',
    );
    const stored = await t.handle.db
      .selectFrom('member')
      .select('id')
      .where('resident_id_hash', '=', personalData().lookupHash('resident_id', c))
      .execute();
    expect(stored).toEqual([]);
    // With --union, the row without its own union goes to the one given.
    const withUnion = await importMembersFile(t.handle.db, gap, String(union));
    expect(withUnion.summary).toMatchObject({ created: 2, errors: 0 });
  });
});
