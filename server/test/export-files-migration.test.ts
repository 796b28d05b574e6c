import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase } from './database.ts';
import { buildMember, buildTown, buildUser } from './factories.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { jobHandlers } from '../src/jobs.ts';
import * as m0004 from '../src/modules/members/migrations/0004_member_exports.ts';
import * as m20261201T1621 from '../src/modules/members/migrations/20261201T1621_member_exports_to_platform.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase('empty');
});
afterAll(() => h.close());

describe('roster exports kept before the platform export table', () => {
  it('move to it under their own ids, files and queued jobs included, and the old tables go', async () => {
    const raw = h.db as unknown as Kysely<unknown>;
    // The roster export tables as they stood, with an export done and one still queued.
    await m0004.up(raw);
    const { villages } = await buildTown(h.db);
    await buildMember(h.db, { orgUnitId: villages[0].id });
    await buildMember(h.db, { orgUnitId: villages[0].id });
    const user = await buildUser(h.db, { unit: villages[0], role: 'cadre' });
    const path = (
      await h.db
        .selectFrom('org_unit_version')
        .select('path')
        .where('org_unit_id', '=', villages[0].id)
        .executeTakeFirstOrThrow()
    ).path;
    const job = await h.db
      .insertInto('job')
      .values({ kind: 'member.export', payload: JSON.stringify({ exportId: 41 }), created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      insert into member_export (id, job_id, scope_path, filters, status, file_name, row_count, size_bytes, created_by, finished_at)
      values (40, null, ${path}, '{}', 'done', '会员名册-2026-11-30.xlsx', 2, 3, ${user.id}, now()),
             (41, ${job.id}, ${path}, '{}', 'queued', '会员名册-2026-12-01.xlsx', 0, null, ${user.id}, null)`.execute(
      raw,
    );
    await sql`insert into member_export_chunk (export_id, seq, content) values (40, 0, ${Buffer.from('abc')})`.execute(
      raw,
    );

    await m20261201T1621.up(raw);

    const moved = await h.db
      .selectFrom('export_file')
      .select(['id', 'kind', 'status', 'file_name', 'actor_unit_id', 'scope_path'])
      .orderBy('id')
      .execute();
    expect(moved).toEqual([
      {
        id: 40,
        kind: 'member.export',
        status: 'done',
        file_name: '会员名册-2026-11-30.xlsx',
        actor_unit_id: villages[0].id,
        scope_path: path,
      },
      {
        id: 41,
        kind: 'member.export',
        status: 'queued',
        file_name: '会员名册-2026-12-01.xlsx',
        actor_unit_id: villages[0].id,
        scope_path: path,
      },
    ]);
    const chunk = await h.db.selectFrom('export_file_chunk').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(chunk.content).toString()).toBe('abc');
    const left = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_name like 'member_export%'`.execute(
      raw,
    );
    expect(left.rows[0].n).toBe(0);
    // A new export is numbered after the moved ones, and the queued one is written by the platform job.
    const next = await h.db
      .insertInto('export_file')
      .values({ kind: 'member.export', scope_path: path, filters: '{}', file_name: 'x.xlsx' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(next.id).toBeGreaterThan(41);
    await new JobRunner(h.db, jobHandlers).drain();
    const written = await h.db
      .selectFrom('export_file')
      .select(['status', 'row_count'])
      .where('id', '=', 41)
      .executeTakeFirstOrThrow();
    expect(written).toEqual({ status: 'done', row_count: 2 });
  });
});
