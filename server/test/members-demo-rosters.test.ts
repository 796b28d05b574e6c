import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { JobRow } from '../src/db/schema.ts';
import { queueDemoJobs } from '../src/demo/load-demo.ts';
import { jobQueue } from '../src/platform/jobs/job.queue.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { jobHandlers } from '../src/jobs.ts';
import { wholeRoster } from '../src/modules/members/registry/member-roster.demo.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { buildEmployer, buildEmployerWithUnion, buildMember, buildOrgUnit } from './factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

const membersOf = async (employerId: number) =>
  (
    await sql<{ n: number; history: number }>`
      select count(*)::int as n,
        (select count(*)::int from member_history h where h.employer_id = ${employerId}) as history
      from member where employer_id = ${employerId}`.execute(t.handle.db)
  ).rows[0];

describe('the rest of the demo rosters, loaded after the server is up', () => {
  it('tops every roster up to its whole size, with history and tallies, and a second run adds nothing', async () => {
    const db = t.handle.db;
    const city = await buildOrgUnit(db);
    const town = await buildOrgUnit(db, { parent: city });
    const unionised = await buildEmployerWithUnion(db, { orgUnitId: town.id, employees: 80 });
    const without = await buildEmployer(db, { orgUnitId: town.id, employees: 200 });
    await buildMember(db, { orgUnitId: town.id, employerId: unionised.id });

    const [id] = await queueDemoJobs(db);
    const runner = new JobRunner(db, jobHandlers);
    await runner.drain();
    const job = (await jobQueue.get(db, id)) as JobRow;
    const own = wholeRoster(unionised);
    const few = wholeRoster(without);
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ status: 'done', result: { added: own - 1 + few } });
    // Most of the unionised firm's workers are members; a few of the other firm's.
    expect(own).toBeGreaterThanOrEqual(60);
    expect(own).toBeLessThanOrEqual(76);
    expect(few).toBeLessThanOrEqual(14);
    expect(await membersOf(unionised.id)).toEqual({ n: own, history: own });
    expect(await membersOf(without.id)).toEqual({ n: few, history: few });
    // The town's 入会率 counts them: its kept tally holds the unionised firm's members of today.
    const tally = await sql<{ members: string }>`
      select unionised_members as members from employer_tally where org_unit_id = ${town.id}
      order by day desc limit 1`.execute(db);
    expect(Number(tally.rows[0]?.members)).toBe(own);

    await jobQueue.enqueue(db, job.kind, {});
    await runner.drain();
    expect((await membersOf(unionised.id)).n).toBe(own);
  });
});
