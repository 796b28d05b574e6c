import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import type { DatabaseKind } from '../server/src/db/database.ts';
import { loadDemo } from '../server/src/demo/load-demo.ts';
import { CITY_SCALE, loadCityScale } from '../server/src/demo/city-scale.ts';
import { tallyRepository, type FactCounts } from '../server/src/modules/indicators/tally.repository.ts';
import { today } from '../server/src/platform/orgs/dates.ts';
import { report, time } from './stats.ts';
// The app's request augmentations (request.actor, cookies), which the demo loader's modules compile against.
import type {} from '../server/src/app.ts';

const CITY_EMPLOYERS = 300_000;

/** Employers to add: BENCH_EMPLOYERS, else city scale on PostgreSQL and a sixth of it on in-memory PGlite. */
function employersWanted(kind: DatabaseKind): number {
  const given = Number(process.env.BENCH_EMPLOYERS);
  if (Number.isInteger(given) && given > 0) return given;
  return kind === 'postgres' ? CITY_EMPLOYERS : CITY_EMPLOYERS / 6;
}

const sameCounts = (a: Map<number, FactCounts>, b: Map<number, FactCounts>) =>
  JSON.stringify([...a].sort((x, y) => x[0] - y[0])) === JSON.stringify([...b].sort((x, y) => x[0] - y[0]));

/**
 * Every coverage indicator for the whole city and for one district, per child unit: the roll-up of the kept
 * per-unit tallies against the naive count over the raw employer and status rows.
 */
export async function benchIndicators(db: Kysely<Database>, kind: DatabaseKind) {
  const wanted = employersWanted(kind);
  const started = Date.now();
  await loadDemo(db);
  const ratio = wanted / CITY_EMPLOYERS;
  const added = await loadCityScale(db, undefined, {
    perTown: Math.round(CITY_SCALE.perTown * ratio),
    perVillage: Math.max(1, Math.round(CITY_SCALE.perVillage * ratio)),
  });
  await sql`analyze`.execute(db);
  const { n } = await db
    .selectFrom('employer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `indicators: demo city plus ${added.toLocaleString('en-US')} employers (${Number(n).toLocaleString('en-US')} in all) loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const date = today();
  const unit = (code: string) =>
    db.selectFrom('org_unit').select('id').where('division_code', '=', code).executeTakeFirstOrThrow();
  const targets = [
    { name: 'whole city (苏州市, 320500)', id: (await unit('320500')).id },
    { name: 'one district (常熟市, 320581)', id: (await unit('320581')).id },
  ];
  for (const target of targets) {
    const kept = await tallyRepository.childCountsAt(db, target.id, date);
    const naive = await tallyRepository.childCountsNaive(db, target.id, date);
    if (!sameCounts(kept, naive)) throw new Error(`kept tallies and raw rows disagree for ${target.name}`);
    const runs = kind === 'postgres' ? 20 : 10;
    const subject = await time(runs, () => tallyRepository.childCountsAt(db, target.id, date));
    const baseline = await time(Math.max(3, runs / 4), () =>
      tallyRepository.childCountsNaive(db, target.id, date),
    );
    report(
      `all indicators as of ${date}, ${target.name}, per child unit: kept tallies vs raw rows`,
      subject,
      baseline,
    );
  }
}
