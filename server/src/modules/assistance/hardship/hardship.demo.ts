import { sql, type Kysely } from 'kysely';
import type {
  AssistanceKind,
  CreateArchiveBody,
  HealthState,
  HouseholdRelation,
  SuddenCause,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { fromDay, random, toDay } from '../../../demo/random.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { withAssistance } from '../cases/case.definitions.ts';
import { hardshipRepository } from './hardship.repository.ts';
import { hardshipService } from './hardship.service.ts';

/** Roughly Suzhou's minimum-living line, yuan per person and month. */
const LINE_YUAN = 1095;
const relations: HouseholdRelation[] = ['head', 'spouse', 'child', 'parent'];
const health: HealthState[] = ['serious', 'healthy', 'healthy', 'chronic'];
const occupations = ['待业', '保洁员', '小学在读', '退休'];
const gifts: Array<{
  kind: AssistanceKind;
  amountFen: number | null;
  description: string | null;
  fund: string;
}> = [
  { kind: 'money', amountFen: 200_000, description: '春节送温暖慰问金', fund: '送温暖资金' },
  { kind: 'money', amountFen: 150_000, description: '子女秋季入学助学金', fund: '金秋助学资金' },
  { kind: 'goods', amountFen: null, description: '夏季送清凉：防暑用品一份', fund: '送清凉物资' },
  { kind: 'service', amountFen: null, description: '推荐参加家政服务培训', fund: '就业援助' },
  { kind: 'money', amountFen: 300_000, description: '大病医疗救助金', fund: '帮扶资金' },
];
const causes: Array<SuddenCause | null> = [null, null, 'illness', 'accident', null, 'disaster'];

/**
 * A few hardship archives in every district of the demo city, from deep hardship to sudden hardship, each
 * district with this year's minimum-living line; the households are demo members.
 */
export async function loadHardshipDemo(db: Kysely<Database>): Promise<number> {
  if (await withAssistance(db).selectFrom('hardship_archive').select('id').limit(1).executeTakeFirst())
    return 0;
  const rnd = random(2626);
  const year = Number(today().slice(0, 4));
  const { rows: districts } = await sql<{ id: number; townId: number | null }>`
    select u.id, (select c.org_unit_id from org_unit_version c join org_unit cu on cu.id = c.org_unit_id
      where c.parent_id = u.id and c.valid_to is null and cu.closed_on is null order by c.path limit 1) as "townId"
    from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where u.level = 'county' and u.closed_on is null order by v.path`.execute(db);
  const { rows: people } = await sql<{ name: string; cipher: Buffer }>`
    select name, resident_id_cipher as cipher from member order by id desc limit 300`.execute(db);
  if (districts.length === 0 || people.length < 4) return 0;
  const cipher = personalData();
  let n = 0;
  let p = 0;
  for (const d of districts) {
    await hardshipRepository.setLine(db, d.id, year, LINE_YUAN * 100);
    if (!d.townId) continue;
    for (let k = 0; k < 3 && p + 4 <= people.length; k++) {
      const size = 2 + Math.floor(rnd() * 3);
      const perCapitaYuan = [700, 1500, 3200][k] + Math.floor(rnd() * 200);
      const members: CreateArchiveBody['members'] = [];
      for (let i = 0; i < size; i++) {
        const person = people[p++];
        members.push({
          name: person.name,
          relation: relations[i],
          residentId: cipher.decrypt(person.cipher),
          health: health[i],
          annualIncomeFen: i === 0 ? perCapitaYuan * 12 * size * 100 : 0,
          occupation: occupations[i],
        });
      }
      const created = await hardshipService.create(db, systemActor(d.id, '演示数据'), {
        orgUnitId: d.townId,
        members,
        unavoidableExpenseFen: 0,
        suddenCause: k === 2 ? (causes[(n + 2) % causes.length] ?? 'illness') : null,
        suddenNote: k === 2 ? '（演示）家庭成员突发重病，医保报销后自付部分仍较多' : null,
        reviewDueOn: fromDay(toDay(today()) + Math.floor(rnd() * 300) - 60),
      });
      // Help through the year, not only at the Spring Festival; one household in three got none yet.
      for (let g = 0; g < (n % 3 === 2 ? 0 : 1 + (n % 3)); g++) {
        const gift = gifts[(n + g) % gifts.length];
        await hardshipRepository.give(db, {
          archive_id: created.id,
          case_id: null,
          kind: gift.kind,
          amount_fen: gift.amountFen,
          description: gift.description,
          fund: gift.fund,
          given_on: fromDay(toDay(today()) - 20 - Math.floor(rnd() * 330)),
          created_by: null,
        });
      }
      n += 1;
    }
  }
  return n;
}
