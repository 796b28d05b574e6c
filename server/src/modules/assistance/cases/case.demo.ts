import { sql, type Kysely } from 'kysely';
import { caseTypes, type CaseStatus, type CaseType } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { fromDay, random, toDay, type Rnd } from '../../../demo/random.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { clockOf, workingDaysBetween } from '../clocks/clock.definitions.ts';
import { syncCaseClocks } from '../clocks/clock-reach.repository.ts';
import { clockRuleRepository } from '../clocks/clock.repository.ts';
import { withAssistance } from './case.definitions.ts';
import { caseNumber, caseNumberRepository } from './case-number.repository.ts';
import { loadBixiNetwork } from './bixi.demo.ts';
import { caseRepository } from './case.repository.ts';
import { caseHandlingRepository } from './case-handling.repository.ts';
import { workerRepository } from './worker.repository.ts';

const subjects: Record<CaseType, string[]> = {
  legal_aid: ['拖欠工资申请法律援助', '工伤认定申请法律援助', '解除劳动合同补偿咨询'],
  petition: ['反映企业未缴社会保险', '反映加班费计算问题', '反映宿舍安全隐患'],
  living_aid: ['大病医疗困难求助', '子女就学困难求助', '家庭遭遇火灾求助'],
  mutual_insurance: ['住院医疗互助理赔', '意外伤害互助理赔', '重大疾病互助理赔'],
  employment: ['失业后求职登记', '报名家政服务培训', '报名电工技能培训'],
  mediation: ['集体欠薪纠纷调处', '经济补偿金纠纷调处', '工时与休息休假纠纷调处'],
};
const outcomes = ['已协调企业当月补发', '已出具法律意见并代写仲裁申请', '已发放救助金并建档', '已推荐上岗'];

interface Place {
  id: number;
  name: string;
  parentId: number | null;
  parentName: string | null;
}

async function placesUnder(db: Kysely<Database>, pattern: string, limit: number): Promise<Place[]> {
  const { rows } = await sql<Place>`
    select v.org_unit_id as id, v.name, v.parent_id as "parentId", pv.name as "parentName"
    from org_unit_version v
    left join org_unit_version pv on pv.org_unit_id = v.parent_id and pv.valid_to is null
    join org_unit u on u.id = v.org_unit_id
    where v.valid_to is null and u.closed_on is null and u.kind <> 'grassroots_union' and v.name like ${pattern}
    order by v.path limit ${limit}`.execute(db);
  return rows;
}

/** Days since an ISO date, as a case's age. */
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/**
 * A year of cases across the demo city, dated back from today, so that some are open, some due soon and
 * some overdue; 碧溪 (常熟) runs all five functions through its three levels. A few hundred cases at most.
 */
export async function loadAssistanceDemo(db: Kysely<Database>): Promise<number> {
  const adb = withAssistance(db);
  if (await adb.selectFrom('assistance_case').select('id').limit(1).executeTakeFirst()) return 0;
  const rnd = random(1313);
  const bixi = await placesUnder(db, '%碧溪%', 6);
  const towns = await placesUnder(db, '%镇工会', 24);
  const places = [...bixi, ...bixi, ...towns];
  if (places.length === 0) return 0;
  const { rows: people } = await sql<{ id: number; name: string; cipher: Buffer }>`
    select id, name, resident_id_cipher as cipher from member order by id limit 400`.execute(db);
  if (people.length === 0) return 0;
  const cipher = personalData();
  const rules = new Map((await clockRuleRepository.all(db)).map((r) => [r.type, r]));
  const end = toDay(today());
  const total = 240;
  return db.transaction().execute(async (trx) => {
    for (let i = 0; i < total; i++) {
      const place = places[i % places.length];
      const type = i < 12 ? caseTypes[i % caseTypes.length] : pick(rnd, caseTypes);
      const age = Math.floor(((total - i) / total) * 360);
      const receivedOn = fromDay(end - age);
      const status: CaseStatus =
        age > 120
          ? pick(rnd, ['resolved', 'resolved', 'resolved', 'closed', 'rejected', 'in_progress'] as const)
          : age > 20
            ? pick(rnd, ['resolved', 'in_progress', 'accepted', 'in_progress'] as const)
            : pick(rnd, ['received', 'accepted', 'in_progress'] as const);
      const acceptedOn = status === 'received' || status === 'rejected' ? null : fromDay(end - age + 2);
      const closedOn = ['resolved', 'closed', 'rejected'].includes(status)
        ? fromDay(Math.min(end, end - age + 5 + Math.floor(rnd() * 40)))
        : null;
      const person = people[(i * 7) % people.length];
      const id = cipher.decrypt(person.cipher);
      const personId = await workerRepository.findOrCreate(trx, {
        name: person.name,
        residentIdCipher: cipher.encrypt(id),
        residentIdHash: cipher.lookupHash('resident_id', id),
        residentIdTail: id.slice(-4),
        phoneCipher: null,
        memberId: person.id,
      });
      const year = Number(receivedOn.slice(0, 4));
      const code = await caseNumberRepository.unitCode(trx, place, place.parentName);
      const seq = await caseNumberRepository.next(trx, year, place.id, type);
      const clock = clockOf(rules.get(type)!, {
        type,
        status,
        receivedOn,
        acceptedOn,
        extendedDays: null,
        pauses: [],
      });
      // A third of the open cases of a village went up to its town.
      const escalated = status !== 'received' && place.parentId !== null && i % 3 === 0;
      const handling = escalated ? place.parentId! : place.id;
      const caseId = await caseRepository.insert(trx, {
        number: caseNumber(year, code, type, seq),
        case_type: type,
        status,
        subject: pick(rnd, subjects[type]),
        narrative_cipher: cipher.encrypt('（演示）职工来访反映的情况，已记录在案，待核实。'),
        person_id: personId,
        employer_id: null,
        intake_unit_id: place.id,
        handling_unit_id: handling,
        handler_id: null,
        received_on: receivedOn,
        accepted_on: acceptedOn,
        closed_on: closedOn,
        handling_working_days: closedOn ? workingDaysBetween(receivedOn, closedOn) : null,
        outcome: closedOn ? pick(rnd, outcomes) : null,
        deadline_kind: clock.deadlineKind,
        due_on: clock.dueOn,
        warn_on: clock.warnOn,
        due_provisional: clock.provisional,
        updated_at: new Date(),
      });
      await caseHandlingRepository.addToChain(trx, caseId, place.id);
      if (escalated) await caseHandlingRepository.addToChain(trx, caseId, handling);
      const event = (kind: string, note: string, unit = place.id) =>
        caseHandlingRepository.addEvent(trx, {
          case_id: caseId,
          kind,
          actor_user_id: null,
          actor_name: '演示数据',
          org_unit_id: unit,
          note,
        });
      await event('intake', '职工来访登记');
      if (escalated) await event('escalate', '涉及多家企业，上报上级工会协调');
      if (acceptedOn) await event('status', '已登记 → 已受理', handling);
      if (closedOn) await event('status', '办理完毕', handling);
    }
    const bixi = await loadBixiNetwork(trx, rules, people);
    await syncCaseClocks(trx, null);
    return total + bixi;
  });
}
