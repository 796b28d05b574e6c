import { sql } from 'kysely';
import { composeResidentId, type Member, type OrgUnit } from '@gonghui/contracts';
import type { DatabaseHandle } from '../src/db/database.ts';
import type { Client } from './app.ts';

// Tests seal with the run's key (GONGHUI_SECRET_KEY, set in vitest.config.ts), never a key file: the
// datasets every test file clones were sealed with it.

let serial = 100;
/** A fresh valid resident ID, distinct within the test process and from every demo ID (region 110105, which the demo never issues). */
export function nextResidentId(region = '110105'): string {
  serial++;
  const day = String((serial % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(serial / 28) % 12) + 1).padStart(2, '0');
  return composeResidentId(region, `19${70 + (serial % 25)}-${month}-${day}`, serial % 1000);
}

export function enrolBody(orgUnitId: number, over: Record<string, unknown> = {}) {
  return {
    name: '测试会员（演示）',
    residentId: nextResidentId(),
    phone: '13912345678',
    ethnicity: '汉族',
    education: '高中',
    householdType: 'rural',
    migrantWorker: true,
    newEmploymentForm: false,
    orgUnitId,
    joinedOn: '2011-05-01',
    ...over,
  };
}

/** The first villages below a client's own unit, found through the org routes as the client sees them. */
async function villagesOf(client: Client, n: number): Promise<number[]> {
  const found: number[] = [];
  let level = [client.orgUnitId];
  while (found.length < n && level.length > 0) {
    const below: number[] = [];
    for (const id of level) {
      for (const unit of (await client.get(`/api/orgs/${id}/children`)).json() as OrgUnit[]) {
        if (unit.level === 'village') found.push(unit.id);
        else if (unit.level === 'county' || unit.level === 'town') below.push(unit.id);
      }
    }
    level = below;
  }
  if (found.length < n) throw new Error(`fewer than ${n} villages below unit ${client.orgUnitId}`);
  return found.slice(0, n);
}

/** A member, a waiting transfer and an import of taicang's, for the scope attacks of the permissions test. */
export async function taicangMemberRecords(taicang: Client) {
  const [a, b] = await villagesOf(taicang, 2);
  const res = await taicang.post('/api/members', enrolBody(a, { residentId: nextResidentId() }));
  if (res.statusCode !== 200) throw new Error(res.body);
  const member = res.json() as Member;
  const tr = (
    await taicang.post('/api/transfers', { memberId: member.id, toOrgUnitId: b, reason: '村间调动' })
  ).json() as { id: number };
  const imp = (
    await taicang.request({
      method: 'POST',
      url: `/api/member-imports?orgUnitId=${a}&fileName=roster.csv`,
      payload: Buffer.from('姓名,身份证号码\n坏行（演示）,123\n'),
      headers: { 'content-type': 'application/octet-stream' },
    })
  ).json() as { id: number };
  return { member, transferId: tr.id, importId: imp.id };
}

/** Everything stored about some members and their history, as text: compared before and after an import. */
export async function storedMembers(handle: DatabaseHandle, ids: number[]): Promise<string> {
  const members = await sql`select * from member where id = any(${ids}::int[]) order by id`.execute(
    handle.db,
  );
  const history =
    await sql`select * from member_history where member_id = any(${ids}::int[]) order by id`.execute(
      handle.db,
    );
  return JSON.stringify([members.rows, history.rows]);
}
