import { sql } from 'kysely';
import { composeResidentId } from '@gonghui/contracts';
import type { DatabaseHandle } from '../src/db/database.ts';

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

/** A village joint union under a county-level federation (by division code prefix), and another one. */
export async function villageUnits(handle: DatabaseHandle, countyCode: string, n = 2): Promise<number[]> {
  const rows = await handle.db
    .selectFrom('org_unit')
    .select('id')
    .where('level', '=', 'village')
    .where('division_code', 'like', `${countyCode}%`)
    .where('closed_on', 'is', null)
    .orderBy('id')
    .limit(n)
    .execute();
  return rows.map((r) => r.id);
}

/** An open employer whose locality lies under a county (by division code), with its own union when asked. */
export async function employerIn(handle: DatabaseHandle, countyCode: string, withUnion = false) {
  const r = await sql<{ id: number; grassrootsUnionId: number | null; orgUnitId: number; name: string }>`
    select e.id, e.grassroots_union_id as "grassrootsUnionId", e.org_unit_id as "orgUnitId", e.name
    from employer e join org_unit u on u.id = e.org_unit_id
    where u.division_code like ${`${countyCode}%`} and e.closed_on is null
      and (${!withUnion} or e.grassroots_union_id is not null)
    order by e.id limit 1`.execute(handle.db);
  if (!r.rows[0]) throw new Error(`no employer in ${countyCode}`);
  return r.rows[0];
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

/** A member, a waiting transfer and an import of taicang's, for the scope attacks of the permissions test. */
export async function taicangMemberRecords(
  handle: DatabaseHandle,
  taicang: {
    post(url: string, payload?: unknown): Promise<{ statusCode: number; json(): unknown; body: string }>;
    request(opts: {
      method: 'POST';
      url: string;
      payload: Buffer;
      headers: Record<string, string>;
    }): Promise<{ json(): unknown }>;
  },
) {
  const [a, b] = await villageUnits(handle, '320585', 2);
  const res = await taicang.post('/api/members', enrolBody(a, { residentId: nextResidentId() }));
  if (res.statusCode !== 200) throw new Error(res.body);
  const member = res.json() as import('@gonghui/contracts').Member;
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
