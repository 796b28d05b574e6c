import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { rollService } from '../server/src/modules/model-workers/subsidies/roll.service.ts';
import { systemActor } from '../server/src/platform/auth/actor.ts';
import { buildOrgUnit } from '../server/test/factories.ts';
import { report, time } from './stats.ts';
// The app's request augmentations (request.actor, cookies), which the modules compile against.
import type {} from '../server/src/app.ts';

const WORKERS = Number(process.env.BENCH_MODEL_WORKERS) || 50_000;
const RUNS = 3;

/**
 * Generating and approving a subsidy roll for 50,000 model workers (the preview from the rules, then the
 * approval that reads eligibility again, compares it with the preview and freezes the lines, audited),
 * against the bare INSERT … SELECT of the same lines into a roll, in the same run.
 */
export async function benchModelWorkers(db: Kysely<Database>, kind: DatabaseKind) {
  const city = await buildOrgUnit(db);
  const district = await buildOrgUnit(db, { parent: city });
  const towns = [];
  for (let i = 0; i < 5; i++) towns.push(await buildOrgUnit(db, { parent: district }));
  const townIds = towns.map((t) => t.id);
  await sql`
    insert into model_worker (name, gender, birth_date, resident_id_cipher, resident_id_hash, resident_id_tail,
      org_unit_id, level, title, awarded_year, status, hardship, hardship_evidence, bank_name,
      bank_account_cipher, bank_account_tail)
    select '基准劳模' || i, case when i % 2 = 0 then 'male' else 'female' end, date '1950-01-01' + (i % 7000),
      decode(md5('id' || i), 'hex'), decode(md5('hash' || i), 'hex'), lpad((i % 10000)::text, 4, '0'),
      (${townIds}::int[])[1 + i % 5], (array['city','provincial','national'])[1 + i % 3], '基准荣誉', 2000,
      case when i % 10 = 0 then 'working' else 'retired' end, i % 3 <> 0,
      case when i % 3 <> 0 then '基准困难说明' end, '基准银行', decode(md5('acct' || i), 'hex'), '1234'
    from generate_series(1, ${WORKERS}) i`.execute(db);
  const actor = systemActor(city.id, 'bench');
  for (const [level, amount] of [
    ['city', 240000],
    ['provincial', 360000],
    ['national', 480000],
  ] as const)
    await sql`
      with r as (insert into subsidy_rule (org_unit_id, name) values (${district.id}, ${`基准补助${level}`}) returning id)
      insert into subsidy_rule_version (rule_id, version, level, condition, amount_fen, per, valid_from)
      select id, 1, ${level}, 'retired_hardship', ${amount}, 'year', date '1990-01-01' from r`.execute(db);
  await sql`analyze`.execute(db);

  let year = 1995;
  let lines = 0;
  const subject = await time(RUNS, async () => {
    year += 1;
    const roll = await rollService.create(db, actor, {
      orgUnitId: district.id,
      period: String(year),
      title: `基准名册 ${year}`,
    });
    const approved = await rollService.approve(db, actor, roll.id);
    lines = approved.recipients;
  });

  const baseline = await time(RUNS, async () => {
    year += 1;
    await db.transaction().execute(async (trx) => {
      const r = await sql<{ id: number }>`
        insert into subsidy_roll (org_unit_id, title, period, per, period_start, status, recipients, total_fen,
          previewed_at, approved_at)
        values (${district.id}, '基准对照', ${String(year)}, 'year', ${`${year}-01-01`}::date, 'approved', 0, 0, now(), now())
        returning id`.execute(trx);
      await sql`
        insert into subsidy_roll_line (roll_id, worker_id, rule_version_id, amount_fen, name, org_unit_id, level,
          status, hardship, bank_name, bank_account_cipher, bank_account_tail)
        select ${r.rows[0].id}::int, w.id, x.id, x.amount_fen, w.name, w.org_unit_id, w.level, w.status, w.hardship,
          w.bank_name, w.bank_account_cipher, w.bank_account_tail
        from model_worker w
        join subsidy_rule_version x on x.level = w.level
        join subsidy_rule sr on sr.id = x.rule_id and sr.org_unit_id = ${district.id}
        where w.status = 'retired' and w.hardship`.execute(trx);
    });
  });
  const counted = await sql<{
    n: number;
  }>`select count(*)::int as n from subsidy_roll_line where roll_id = (select max(id) from subsidy_roll)`.execute(
    db,
  );
  console.log(
    `model-workers: a subsidy roll for ${WORKERS.toLocaleString('en')} model workers on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${lines.toLocaleString('en')} lines; the baseline wrote ${counted.rows[0].n.toLocaleString('en')})`,
  );
  report(
    'generate the preview and approve it (re-check, compare, freeze, audit) vs. INSERT … SELECT of the lines',
    subject,
    baseline,
  );
}
