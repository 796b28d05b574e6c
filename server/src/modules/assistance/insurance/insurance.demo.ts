import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { withAssistance } from '../cases/case.definitions.ts';
import { insuranceRepository } from './insurance.repository.ts';

/** One city-wide mutual-insurance plan for this year, with the first few hundred members of the registry enrolled. */
export async function loadInsuranceDemo(db: Kysely<Database>): Promise<number> {
  const adb = withAssistance(db);
  if (await adb.selectFrom('insurance_plan').select('id').limit(1).executeTakeFirst()) return 0;
  const { rows: city } = await sql<{ id: number }>`
    select u.id from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where v.parent_id is null and u.closed_on is null order by u.id limit 1`.execute(db);
  if (city.length === 0) return 0;
  const year = Number(today().slice(0, 4));
  const premiumFen = 5_000;
  const planId = await insuranceRepository.insertPlan(db, {
    name: `${year}年度职工住院医疗互助保障`,
    year,
    org_unit_id: city[0].id,
    premium_fen: premiumFen,
    max_payout_fen: 5_000_000,
    benefits: '住院医疗费用经医保报销后的自付部分按比例补助，每人每年最高 5 万元',
  });
  const { rows: members } = await sql<{ id: number; orgUnitId: number }>`
    select m.id, m.org_unit_id as "orgUnitId" from member m where m.status = 'active' order by m.id limit 300`.execute(
    db,
  );
  const enrolled = await insuranceRepository.enrol(db, planId, premiumFen, `${year}-01-10`, members);
  const first = await adb
    .selectFrom('insurance_enrolment')
    .select('id')
    .where('plan_id', '=', planId)
    .limit(1)
    .executeTakeFirst();
  if (first)
    await insuranceRepository.insertClaim(db, {
      enrolment_id: first.id,
      amount_fen: 680_000,
      reason: '（演示）住院治疗，医保报销后自付 6,800 元',
      submitted_on: today(),
      created_by: null,
    });
  return enrolled;
}
