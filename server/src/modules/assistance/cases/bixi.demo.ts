import { sql, type Transaction } from 'kysely';
import { caseTypes, type CaseStatus, type ClockRule } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import { fromDay, toDay } from '../../../demo/random.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { clockOf, workingDaysBetween } from '../clocks/clock.definitions.ts';
import { caseNumber, caseNumberRepository } from './case-number.repository.ts';
import { caseRepository } from './case.repository.ts';
import { caseHandlingRepository } from './case-handling.repository.ts';
import { workerRepository } from './worker.repository.ts';

/** 碧溪街道 (常熟市): the demo's one-stop centre, with its village and community joint unions below it. */
const BIXI_STREET = '320581005';

interface Unit {
  id: number;
  name: string;
  parentName: string | null;
}

/** How a case moves through 碧溪's three levels: village joint union → 碧溪 → 常熟市. */
const routes = ['village', 'escalated', 'toCity', 'referred'] as const;
const statusOf: Record<(typeof routes)[number], CaseStatus[]> = {
  village: ['resolved', 'in_progress'],
  escalated: ['in_progress', 'resolved'],
  toCity: ['accepted', 'in_progress'],
  referred: ['in_progress', 'resolved'],
};
const subjects = {
  legal_aid: '外来务工人员追讨欠薪申请法律援助',
  petition: '职工来访反映企业未签劳动合同',
  living_aid: '职工家属重病致家庭生活困难求助',
  mutual_insurance: '职工住院申请互助保障理赔',
  employment: '失地农民报名职业技能培训并求职',
  mediation: '企业停产引发的集体欠薪纠纷调处',
} as const;

/**
 * 碧溪's one-stop centre at work: cases of all six types (the five functions and dispute mediation) taken
 * in at its village and community joint unions, some handled there, some escalated to 碧溪 and on to
 * 常熟市, some taken in at 碧溪 and referred down to a village. Dated back from today; about two dozen cases.
 */
export async function loadBixiNetwork(
  trx: Transaction<Database>,
  rules: Map<string, ClockRule>,
  people: Array<{ id: number; name: string; cipher: Buffer }>,
): Promise<number> {
  const { rows: streets } = await sql<Unit & { parentId: number | null }>`
    select u.id, v.name, v.parent_id as "parentId", pv.name as "parentName"
    from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    left join org_unit_version pv on pv.org_unit_id = v.parent_id and pv.valid_to is null
    where u.division_code = ${BIXI_STREET} and u.closed_on is null limit 1`.execute(trx);
  const street = streets[0];
  if (!street || street.parentId === null || people.length === 0) return 0;
  const { rows: villages } = await sql<Unit>`
    select u.id, v.name, ${street.name}::text as "parentName"
    from org_unit u join org_unit_version v on v.org_unit_id = u.id and v.valid_to is null
    where v.parent_id = ${street.id} and u.closed_on is null and u.kind = 'joint_union'
    order by v.path limit 6`.execute(trx);
  if (villages.length === 0) return 0;
  const city: Unit = { id: street.parentId, name: street.parentName ?? '', parentName: null };
  const cipher = personalData();
  const end = toDay(today());
  let n = 0;
  for (const [t, type] of caseTypes.entries()) {
    for (const [r, route] of routes.entries()) {
      const village = villages[(t + r) % villages.length];
      const age = 12 + ((t * 37 + r * 53) % 170);
      const receivedOn = fromDay(end - age);
      const status = statusOf[route][(t + r) % 2];
      const acceptedOn = fromDay(end - age + 1);
      const closedOn = status === 'resolved' ? fromDay(Math.min(end, end - age + 6 + ((t + r) % 9))) : null;
      const person = people[(t * 4 + r + 101) % people.length];
      const id = cipher.decrypt(person.cipher);
      const personId = await workerRepository.findOrCreate(trx, {
        name: person.name,
        residentIdCipher: cipher.encrypt(id),
        residentIdHash: cipher.lookupHash('resident_id', id),
        residentIdTail: id.slice(-4),
        phoneCipher: null,
        memberId: person.id,
      });
      const intake = route === 'referred' ? { ...street, parentName: street.parentName } : village;
      const chain =
        route === 'village'
          ? [village]
          : route === 'escalated'
            ? [village, street]
            : route === 'toCity'
              ? [village, street, city]
              : [street, village];
      const handling = chain[chain.length - 1];
      const year = Number(receivedOn.slice(0, 4));
      const code = await caseNumberRepository.unitCode(trx, intake, intake.parentName);
      const seq = await caseNumberRepository.next(trx, year, intake.id, type);
      const clock = clockOf(rules.get(type)!, {
        type,
        status,
        receivedOn,
        acceptedOn,
        extendedDays: null,
        pauses: [],
      });
      const caseId = await caseRepository.insert(trx, {
        number: caseNumber(year, code, type, seq),
        case_type: type,
        status,
        subject: subjects[type],
        narrative_cipher: cipher.encrypt('（演示）职工到村（社区）联合工会帮扶站求助，已登记在案。'),
        person_id: personId,
        employer_id: null,
        intake_unit_id: intake.id,
        handling_unit_id: handling.id,
        handler_id: null,
        received_on: receivedOn,
        accepted_on: acceptedOn,
        closed_on: closedOn,
        outcome: closedOn ? '已办结，职工表示满意' : null,
        handling_working_days: closedOn ? workingDaysBetween(receivedOn, closedOn) : null,
        deadline_kind: clock.deadlineKind,
        due_on: clock.dueOn,
        warn_on: clock.warnOn,
        due_provisional: clock.provisional,
        updated_at: new Date(),
      });
      const event = (kind: string, note: string, unit: number) =>
        caseHandlingRepository.addEvent(trx, {
          case_id: caseId,
          kind,
          actor_user_id: null,
          actor_name: '演示数据',
          org_unit_id: unit,
          note,
        });
      for (const u of chain) await caseHandlingRepository.addToChain(trx, caseId, u.id);
      await event(
        'intake',
        route === 'referred' ? '碧溪帮扶中心接待登记' : '村（社区）帮扶站接待登记',
        intake.id,
      );
      for (let i = 1; i < chain.length; i++) {
        const [from, to] = [chain[i - 1], chain[i]];
        if (route === 'referred')
          await event('refer', `转交「${to.name}」：职工居住地在该村，就近办理`, from.id);
        else
          await event(
            'escalate',
            `上报至「${to.name}」：${i === 1 ? '涉及外地企业，需上级工会协调' : '涉及多部门，需市总工会协调'}`,
            from.id,
          );
      }
      await event('status', '已登记 → 已受理', handling.id);
      if (closedOn) await event('status', '办理完毕', handling.id);
      n += 1;
    }
  }
  return n;
}
