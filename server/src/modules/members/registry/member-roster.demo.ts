import { sql, type Insertable } from 'kysely';
import type { MemberTable } from '../../../db/schema.ts';
import { JobInterrupted, type JobHandler } from '../../../platform/jobs/job.runner.ts';
import dayjs from 'dayjs';
import { today as currentDay } from '../../../platform/orgs/dates.ts';
import { random } from '../../../demo/random.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { demoEmployers, demoHomeOf, demoMemberMaker, isUnionised, type DemoEmployer } from './member.demo.ts';

/**
 * `npm start` loads the demo city with at most ten members per employer, so the first start stays quick.
 * This job, queued then and run by the started server, enrols the rest of every roster, so the city's
 * 入会率 reads like a real city's.
 */
export const DEMO_ROSTERS_JOB = 'members.demo_rosters';

/** Employers read at a time; their tallies are rebuilt once their rows are in. */
const EMPLOYERS_PER_STEP = 10;
/** Members written per transaction: short enough that a page waiting on the database barely notices. */
const ROWS_PER_STEP = 200;
/** Years after its union's founding (or its registration) within which a firm's members joined. */
const JOIN_YEARS = 5;

/**
 * How many members a demo employer's whole roster holds: most of a unionised firm's workers, a few of
 * another firm's. The share is fixed per firm (drawn from its id), so a second run adds nothing.
 */
export function wholeRoster(e: Pick<DemoEmployer, 'id' | 'employees' | 'unionStatus'>): number {
  const drawn = random(e.id * 7919)();
  const share = isUnionised(e) ? 0.75 + drawn * 0.2 : 0.02 + drawn * 0.05;
  return Math.max(1, Math.round(e.employees * share));
}

/** Tops every open employer's roster up to its whole size, step by step, reporting progress. */
export const loadRemainingRosters: JobHandler = async (job, ctx) => {
  const { db } = ctx;
  const { n: employerCount } = await db
    .selectFrom('employer')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('closed_on', 'is', null)
    .executeTakeFirstOrThrow();
  const { n: serial } = await db
    .selectFrom('member')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const make = demoMemberMaker(random(job.id * 31 + 7), serial);
  const today = currentDay();
  let after = 0;
  let done = 0;
  let added = 0;
  await ctx.progress(0, employerCount);
  for (;;) {
    // Stopped half-way, the job is queued again: a second run tops up only what is still missing.
    if (ctx.stopping) throw new JobInterrupted();
    const employers = await demoEmployers(db, after, EMPLOYERS_PER_STEP);
    if (employers.length === 0) break;
    after = employers[employers.length - 1].id;
    const { rows: counted } = await sql<{ employer_id: number; n: number }>`
      select employer_id, count(*)::int as n from member
      where employer_id = any(${sql.val(employers.map((e) => e.id))}::int[]) group by employer_id`.execute(
      db,
    );
    const have = new Map(counted.map((r) => [r.employer_id, r.n]));
    const rows: Array<Insertable<MemberTable>> = [];
    for (const e of employers) {
      const since = isUnionised(e) && e.unionSince ? e.unionSince : e.registeredOn;
      // Most workers join within a few years of their union's founding.
      const until = dayjs(since).add(JOIN_YEARS, 'year').format('YYYY-MM-DD');
      const latest = until < today ? until : today;
      for (let i = have.get(e.id) ?? 0; i < wholeRoster(e); i++)
        rows.push(make(e, demoHomeOf(e), since, latest));
    }
    // Each transaction is short: between two, the server's requests get the one embedded connection.
    for (let i = 0; i < rows.length; i += ROWS_PER_STEP) {
      await db.transaction().execute(async (trx) => {
        const ids = await trx
          .insertInto('member')
          .values(rows.slice(i, i + ROWS_PER_STEP))
          .returning('id')
          .execute();
        await sql`
          insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
          select m.id, m.org_unit_id, m.employer_id, 'active', m.joined_on, 'enrol' from member m
          where m.id = any(${sql.val(ids.map((r) => r.id))}::int[])`.execute(trx);
      });
      await ctx.progress(done, employerCount);
    }
    if (rows.length > 0) {
      await db.transaction().execute((trx) =>
        tallyRepository.rebuildForEmployers(
          trx,
          employers.map((e) => e.id),
        ),
      );
      added += rows.length;
    }
    done += employers.length;
    await ctx.progress(done, employerCount);
  }
  // The embedded database has no autovacuum: without fresh statistics the planner keeps the small city's.
  await sql`analyze member, member_history`.execute(db);
  return { added };
};
