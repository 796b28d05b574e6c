import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { composeResidentId } from '@gonghui/contracts';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { loadMembersDemo } from '../server/src/modules/members/registry/member.demo.ts';
import { runMemberImport } from '../server/src/modules/members/import/member-import.job.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { uploadRoster } from './import-job.ts';
import { personalData } from '../server/src/platform/personal-data/personal-data.ts';
import type {} from '../server/src/app.ts';

/** Rows of the roster, as in the case that was reported (60,000 rows into one union of 常熟). */
const ROWS = 60_000;
/** Members of other unions, all over the city, whose IDs the roster carries. */
const COLLISIONS = 1_000;

function sizes(kind: DatabaseKind) {
  return {
    members: Number(process.env.BENCH_MEMBERS) || (kind === 'postgres' ? 200_000 : 50_000),
    rows: Number(process.env.BENCH_IMPORT_ROWS) || (kind === 'postgres' ? ROWS : ROWS / 3),
    collisions: Number(process.env.BENCH_COLLISIONS) || COLLISIONS,
  };
}

/** A roster CSV: fresh people, and then every `every`-th row one of `taken` (an ID another union holds). */
function rosterCsv(rows: number, taken: string[], seed: number): string {
  const file = path.join(os.tmpdir(), `gonghui-bench-collision-${process.pid}-${seed}.csv`);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '姓名,身份证号码,入会日期\n');
  const every = taken.length > 0 ? Math.floor(rows / taken.length) : 0;
  let chunk = '';
  let t = 0;
  for (let i = 0; i < rows; i++) {
    let id: string;
    if (every > 0 && i % every === every - 1 && t < taken.length) id = taken[t++];
    else {
      const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14_600) * 86_400_000).toISOString().slice(0, 10);
      id = composeResidentId('110105', birth, seed * 50 + Math.floor(i / 14_600) * 2 + (i % 2));
    }
    chunk += `撞号${'甲乙丙丁戊己庚辛'[i % 8]}${'子丑寅卯辰巳午未'[(i >> 3) % 8]}（演示）,${id},2012-03-01\n`;
    if (chunk.length > 1_000_000) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  return file;
}

async function importRoster(db: Kysely<Database>, unionId: number, file: string) {
  const actor = systemActor(unionId, 'bench');
  const started = Date.now();
  const job = await uploadRoster(db, actor as never, unionId, file);
  const summary = await runMemberImport(job, { db, progress: async () => {} });
  return { summary, seconds: (Date.now() - started) / 1000 };
}

/** The stored rows of some members, with their history and audit counts, as text compared byte for byte. */
async function snapshot(db: Kysely<Database>, ids: number[]): Promise<string> {
  const { rows } = await sql<{ row: string }>`
    select concat_ws('|', to_jsonb(m)::text,
      (select count(*) from member_history h where h.member_id = m.id),
      (select count(*) from audit_log a where a.entity_type = 'member' and a.entity_id = m.id::text)) as row
    from member m where m.id = any(${ids}::int[]) order by m.id`.execute(db);
  return rows.map((r) => r.row).join('\n');
}

/**
 * A roster for one union of 常熟 whose IDs partly belong to live members of other unions across the city:
 * those rows are held apart and the other unions' members stay byte for byte the same. Timed against an
 * import of a clean roster of the same size into the same union, in the same run.
 */
export async function benchMemberCollision(db: Kysely<Database>, kind: DatabaseKind) {
  const want = sizes(kind);
  await loadDemo(db);
  const employers = Number(
    (
      await db
        .selectFrom('employer')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  for (;;) {
    const have = Number(
      (
        await db
          .selectFrom('member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (have >= want.members) break;
    await loadMembersDemo(db, {
      maxPerEmployer: Math.ceil((want.members - have) / employers) + 1,
      seed: have,
    });
  }
  await sql`analyze member, member_history`.execute(db);

  const union = await db
    .selectFrom('org_unit')
    .select('id')
    .where('level', '=', 'village')
    .where('division_code', 'like', '320581%')
    .where('closed_on', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // Spread over the whole city: every n-th live member outside the union.
  const { rows: others } = await sql<{ id: number; cipher: Buffer }>`
    select id, resident_id_cipher as cipher from (
      select id, resident_id_cipher, row_number() over (order by id) as n
      from member where status <> 'left' and status <> 'transferred' and status <> 'deceased'
        and org_unit_id <> ${union.id}) s
    where n % greatest(1, (select count(*) from member) / ${want.collisions}) = 0
    order by id limit ${want.collisions}`.execute(db);
  const cipher = personalData();
  const taken = others.map((o) => cipher.decrypt(o.cipher));
  const before = await snapshot(
    db,
    others.map((o) => o.id),
  );

  const clean = rosterCsv(want.rows, [], 1);
  const colliding = rosterCsv(want.rows, taken, 2);
  try {
    const baseline = await importRoster(db, union.id, clean);
    const subject = await importRoster(db, union.id, colliding);
    const after = await snapshot(
      db,
      others.map((o) => o.id),
    );
    const untouched = after === before;
    console.log(
      `roster import into one union of 常熟, ${want.rows.toLocaleString('en')} rows, ${taken.length} of them IDs held by other unions across the city (${want.members.toLocaleString('en')} members)`,
    );
    console.log(
      `  with collisions: ${subject.seconds.toFixed(1)} s — created ${subject.summary.created}, held elsewhere ${subject.summary.heldElsewhere}, errors ${subject.summary.errors}`,
    );
    console.log(
      `  clean roster of the same size (baseline): ${baseline.seconds.toFixed(1)} s — created ${baseline.summary.created}`,
    );
    console.log(`  ratio (baseline / with collisions): ${(baseline.seconds / subject.seconds).toFixed(2)}`);
    console.log(
      `  other unions' ${taken.length} members byte for byte unchanged (row, history, audit): ${untouched ? 'yes' : 'NO'}`,
    );
    if (!untouched || subject.summary.heldElsewhere !== taken.length)
      throw new Error('a roster changed members of other unions, or did not hold their rows apart');
  } finally {
    fs.rmSync(clean, { force: true });
    fs.rmSync(colliding, { force: true });
  }
}
