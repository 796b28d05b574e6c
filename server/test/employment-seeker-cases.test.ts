import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeekerCases } from '@gonghui/contracts';
import { buildTestApp, login, type Client, type TestApp } from './app.ts';
import { buildDistricts, TEST_PASSWORD } from './factories.ts';
import { buildSeeker } from './factories/employment.ts';
import { nextResidentId } from './members-fixtures.ts';
import { assistanceReferrals } from '../src/modules/assistance/index.ts';
import { systemActor } from '../src/platform/auth/actor.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildDistricts>>;
let districtA: Client;
let districtB: Client;

const json = <T>(r: { json(): unknown }) => r.json() as T;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  w = await buildDistricts(t.handle.db);
  districtA = await login(t.app, w.users.districtA.username, TEST_PASSWORD);
  districtB = await login(t.app, w.users.districtB.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe("a seeker and the assistance centre's cases of the same person", () => {
  it('lists the cases held for the same ID, links a job-referral case both ways, and refuses other links', async () => {
    const residentId = nextResidentId();
    const village = w.aVillages[0];
    const seeker = await buildSeeker(t.handle.db, { orgUnitId: w.a.id, residentId, name: '陈秀英' });
    const intake = (type: string, subject: string) =>
      assistanceReferrals.takeIn(t.handle.db, systemActor(village.id, 'test'), {
        type: type as 'employment' | 'living_aid',
        subject,
        narrative: '企业关停后失业，希望工会推荐家政服务岗位。',
        worker: { name: '陈秀英', residentId, phone: null },
      });
    const referral = await intake('employment', '失业求职推荐');
    const aid = await intake('living_aid', '失业期间生活困难');
    // Another person's case, in the same district: never listed on this seeker.
    await assistanceReferrals.takeIn(t.handle.db, systemActor(village.id, 'test'), {
      type: 'employment',
      subject: '另一人的求职推荐',
      narrative: '另一名职工申请职业介绍服务。',
      worker: { name: '李强', residentId: nextResidentId(), phone: null },
    });

    const listed = json<SeekerCases>(await districtA.get(`/api/employment/seekers/${seeker.id}/cases`));
    expect(listed.items.map((c) => [c.number, c.linkable, c.linked])).toEqual([
      [referral.number, true, false],
      [aid.number, false, false],
    ]);

    const wrongType = await districtA.post(`/api/employment/seekers/${seeker.id}/cases`, { caseId: aid.id });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toContain('职业介绍和培训');

    const linked = await districtA.post(`/api/employment/seekers/${seeker.id}/cases`, {
      caseId: referral.id,
      note: '已登记求职',
    });
    expect(linked.statusCode).toBe(200);
    expect(json<SeekerCases>(linked).items[0]).toMatchObject({ id: referral.id, linked: true });
    const again = await districtA.post(`/api/employment/seekers/${seeker.id}/cases`, { caseId: referral.id });
    expect(again.statusCode).toBe(409);

    // The case's side shows the seeker, named masked as the log names a person.
    const back = await districtA.get(`/api/record-links?type=assistance_case&id=${referral.id}`);
    expect(back.json().items).toEqual([
      expect.objectContaining({
        other: { type: 'job_seeker', id: seeker.id },
        otherKind: '求职人员',
        otherName: '陈*英',
        direction: 'incoming',
        note: '已登记求职',
      }),
    ]);

    // Another district: the seeker and its cases answer as missing; the link is not shown to it.
    expect((await districtB.get(`/api/employment/seekers/${seeker.id}/cases`)).statusCode).toBe(404);
    const foreign = await districtB.post(`/api/employment/seekers/${seeker.id}/cases`, {
      caseId: referral.id,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('陈');
    expect(
      (await districtB.get(`/api/record-links?type=assistance_case&id=${referral.id}`)).json().items,
    ).toEqual([]);
  });

  it("refuses a case that is not the person's or lies outside the caller's scope, naming neither", async () => {
    const seeker = await buildSeeker(t.handle.db, { orgUnitId: w.b.id });
    const elsewhere = await assistanceReferrals.takeIn(t.handle.db, systemActor(w.aVillages[1].id, 'test'), {
      type: 'employment',
      subject: '甲区的求职推荐',
      narrative: '甲区职工申请职业介绍服务。',
      worker: { name: '王芳', residentId: nextResidentId(), phone: null },
    });
    const res = await districtB.post(`/api/employment/seekers/${seeker.id}/cases`, { caseId: elsewhere.id });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(elsewhere.number);
    expect(res.body).not.toContain('王');
    const bad = await districtB.post(`/api/employment/seekers/${seeker.id}/cases`, { caseId: 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('finds a seeker by the last four characters of the ID, when the check character is X too', async () => {
    let residentId = nextResidentId();
    while (!residentId.endsWith('X')) residentId = nextResidentId();
    const seeker = await buildSeeker(t.handle.db, { orgUnitId: w.a.id, residentId });
    for (const q of [residentId.slice(-4), residentId.slice(-4).toLowerCase()]) {
      const found = (await districtA.get(`/api/employment/seekers?q=${q}`)).json() as {
        items: { id: number }[];
      };
      expect(
        found.items.map((s) => s.id),
        q,
      ).toContain(seeker.id);
    }
  });
});
