import type { Kysely } from 'kysely';
import { composeResidentId, type ModelWorkerLevel } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import { personalData } from '../../platform/personal-data/personal-data.ts';
import { storedScope } from '../../platform/scope.ts';
import { modelWorkerDb } from './model-workers.definitions.ts';
import { eligibilityRepository } from './subsidies/eligibility.repository.ts';

/** 金阊区, as the union tree stood in 2011 (merged into 姑苏区 in 2012). */
const JINCHANG = '320504';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '德福根宝金生林祥荣华凤英秀珍桂芳美娣';
const SUFFIX = '（演示）';
const TITLES: Record<ModelWorkerLevel, string[]> = {
  city: ['苏州市劳动模范', '苏州市先进工作者'],
  provincial: ['江苏省劳动模范', '江苏省五一劳动奖章'],
  national: ['全国劳动模范', '全国五一劳动奖章'],
};
const TRADES = ['纺织厂', '丝绸厂', '电子仪器厂', '机床厂', '食品厂', '百货公司', '运输公司', '自来水公司'];
const RETIRED = 260;
const WORKING = 24;
/** Of the retired, those living in hardship: the regular subsidy goes to them. */
const HARDSHIP_EVERY = 5;

/**
 * The demo's model workers: 金阊区 in 2011 with 260 retired model workers (and some still working), its
 * yearly subsidy for those retired and in hardship, the 2011 roll approved early in the year and paid, and
 * the visit to every retired model worker before the Double Ninth festival. Rows are written directly,
 * since the district no longer exists today and the services refuse a closed unit.
 */
export async function loadModelWorkersDemo(db: Kysely<Database>): Promise<void> {
  const district = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit_version as v', 'v.org_unit_id', 'u.id')
    .select(['u.id', 'v.path'])
    .where('u.division_code', '=', JINCHANG)
    .orderBy('v.valid_from', 'desc')
    .executeTakeFirst();
  if (!district) return;
  await db.transaction().execute(async (trx) => {
    const mdb = modelWorkerDb(trx);
    const cipher = personalData();
    let seed = 20111005;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const rows = [];
    for (let i = 0; i < RETIRED + WORKING; i++) {
      const retired = i < RETIRED;
      const level: ModelWorkerLevel = i % 13 === 0 ? 'national' : i % 4 === 0 ? 'provincial' : 'city';
      const born = retired ? 1930 + (i % 22) : 1960 + (i % 15);
      const birthDate = `${born}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const residentId = composeResidentId(JINCHANG, birthDate, 100 + i);
      const hardship = retired && i % HARDSHIP_EVERY === 0;
      const account = `6222021102${String(300000 + i * 7).padStart(9, '0')}`;
      rows.push({
        name: `${pick([...SURNAMES])}${pick([...GIVEN])}${rnd() < 0.5 ? pick([...GIVEN]) : ''}${SUFFIX}`,
        gender: (Number(residentId[16]) % 2 === 1 ? 'male' : 'female') as 'male' | 'female',
        birth_date: birthDate,
        resident_id_cipher: cipher.encrypt(residentId),
        resident_id_hash: cipher.lookupHash('resident_id', residentId),
        resident_id_tail: residentId.slice(-4),
        org_unit_id: district.id,
        level,
        title: TITLES[level][i % 2],
        equivalent: i % 2 === 1,
        awarded_year: Math.min(2010, born + 35 + (i % 10)),
        employer_id: null,
        work_unit: `金阊${pick(TRADES)}`,
        status: (retired ? 'retired' : 'working') as 'retired' | 'working',
        hardship,
        hardship_evidence: hardship
          ? pick(['本人患慢性病，医药费负担重', '配偶无收入，家庭人均收入低', '独居，退休金低于当地平均水平'])
          : null,
        bank_name: '苏州某商业银行金阊支行（演示）',
        bank_account_cipher: cipher.encrypt(account),
        bank_account_tail: account.slice(-4),
        created_by: null,
      });
    }
    await mdb.insertInto('model_worker').values(rows).execute();

    // The yearly subsidy for retired model workers in hardship, by level (fen a year).
    const amounts: Record<ModelWorkerLevel, number> = { city: 240000, provincial: 360000, national: 480000 };
    for (const level of ['city', 'provincial', 'national'] as const) {
      const { id } = await mdb
        .insertInto('subsidy_rule')
        .values({
          org_unit_id: district.id,
          name: `退休困难劳模年度生活补助（${TITLES[level][0].slice(0, -4)}级）`,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await mdb
        .insertInto('subsidy_rule_version')
        .values({
          rule_id: id,
          version: 1,
          level,
          condition: 'retired_hardship',
          amount_fen: amounts[level],
          per: 'year',
          valid_from: '2010-01-01',
          valid_to: null,
          reason: null,
          created_by: null,
        })
        .execute();
    }

    // The 2011 roll, generated and approved in January and paid by the bank in February.
    const { id: rollId } = await mdb
      .insertInto('subsidy_roll')
      .values({
        org_unit_id: district.id,
        title: '金阊区 2011 年度退休困难劳模生活补助',
        period: '2011',
        per: 'year',
        period_start: '2011-01-01',
        status: 'preview',
        changes: '[]',
        recipients: 0,
        total_fen: 0,
        previewed_at: new Date('2011-01-10T09:00:00+08:00'),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const basis = {
      rollId,
      orgUnitId: district.id,
      subtree: storedScope(district.path),
      per: 'year' as const,
      periodStart: '2011-01-01',
    };
    await eligibilityRepository.storePreview(mdb, basis);
    await eligibilityRepository.insertLines(mdb, basis);
    const sums = await mdb
      .selectFrom('subsidy_roll_line')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<string>('amount_fen').as('total')])
      .where('roll_id', '=', rollId)
      .executeTakeFirstOrThrow();
    await mdb
      .updateTable('subsidy_roll')
      .set({
        status: 'approved',
        approved_at: new Date('2011-01-14T10:00:00+08:00'),
        recipients: Number(sums.n),
        total_fen: Number(sums.total),
      })
      .where('id', '=', rollId)
      .execute();
    await mdb
      .updateTable('subsidy_roll_line')
      .set({ paid_status: 'paid', paid_on: '2011-02-15' })
      .where('roll_id', '=', rollId)
      .execute();

    // Every retired model worker visited before the Double Ninth festival (5 October 2011).
    const { id: cycleId } = await mdb
      .insertInto('visit_cycle')
      .values({
        org_unit_id: district.id,
        title: '2011 年重阳节前走访慰问退休劳模',
        occasion: '重阳节',
        starts_on: '2011-09-26',
        ends_on: '2011-10-05',
        gift: '节日慰问品一份',
        amount_fen: 50000,
        draw: JSON.stringify({ status: 'retired' }),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await mdb
      .insertInto('model_worker_visit')
      .columns(['cycle_id', 'worker_id', 'done', 'visited_by', 'visited_on'])
      .expression((eb) =>
        eb
          .selectFrom('model_worker as w')
          .select((s) => [
            s.val(cycleId).as('cycle_id'),
            'w.id as worker_id',
            s.val(true).as('done'),
            s.val('区总工会慰问组').as('visited_by'),
            s.val('2011-09-28').as('visited_on'),
          ])
          .where('w.org_unit_id', '=', district.id)
          .where('w.status', '=', 'retired'),
      )
      .execute();
  });
}
