import { Readable, Transform } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database, JobRow } from '../../db/schema.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { JobContext } from '../../platform/jobs/job.runner.ts';
import { today } from '../../platform/orgs/dates.ts';
import { personalData, type PersonalDataCipher } from '../../platform/personal-data/personal-data.ts';
import { RosterChecker, type BatchFacts, type RowProblem, type StagedRow } from './member.import-check.ts';
import { LIVE_STATUSES } from './member.repository.ts';
import { isOneLiveViolation } from './member.service.ts';
import { readRoster, RosterFormatError, rosterWriter, type SheetLine } from './member.sheet.ts';
import { registryIdOf } from '@gonghui/contracts';

export const MEMBER_IMPORT_JOB = 'member.import';
const BATCH = 1000;
/** Errors listed in the report; past this the report says how many more there were. */
const MAX_REPORTED = 100_000;

/** The uploaded file, decrypted chunk by chunk as the parser asks for it. */
function fileStream(db: Kysely<Database>, importId: number, cipher: PersonalDataCipher): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await db
          .selectFrom('member_import_chunk')
          .select('content')
          .where('import_id', '=', importId)
          .where('seq', '=', seq++)
          .executeTakeFirst();
        this.push(chunk ? cipher.open(chunk.content) : null);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}

async function factsFor(
  db: Kysely<Database>,
  lines: SheetLine[],
  checker: RosterChecker,
  scopePath: string,
): Promise<Omit<BatchFacts, 'unions'>> {
  const codes = [...new Set(lines.map((l) => l.row.employerCreditCode.toUpperCase()).filter(Boolean))];
  const hashes = lines.map((l) => checker.hashOf(l.row)).filter((h): h is Buffer => h !== null);
  const registryIds = lines.map((l) => registryIdOf(l.row.registryNo)).filter((n): n is number => n !== null);
  const inScope = sql<boolean>`v.path like ${`${scopePath}%`}`;
  const [employers, live, registry] = await Promise.all([
    codes.length === 0
      ? []
      : db
          .selectFrom('employer as e')
          .innerJoin('org_unit_version as v', (j) =>
            j.onRef('v.org_unit_id', '=', 'e.org_unit_id').on('v.valid_to', 'is', null),
          )
          .select([
            'e.id',
            'e.credit_code as code',
            'e.name',
            'e.closed_on as closedOn',
            inScope.as('inScope'),
          ])
          .where('e.credit_code', 'in', codes)
          .execute(),
    hashes.length === 0
      ? []
      : db
          .selectFrom('member as m')
          .innerJoin('org_unit_version as v', (j) =>
            j.onRef('v.org_unit_id', '=', 'm.org_unit_id').on('v.valid_to', 'is', null),
          )
          .select([
            'm.id',
            'm.resident_id_hash as hash',
            'm.phone_hash as phoneHash',
            'm.org_unit_id as orgUnitId',
            'v.name as orgUnitName',
            'm.status',
            inScope.as('inScope'),
          ])
          .where('m.resident_id_hash', 'in', hashes)
          .where('m.status', 'in', LIVE_STATUSES)
          .execute(),
    registryIds.length === 0
      ? []
      : db
          .selectFrom('member as m')
          .innerJoin('org_unit_version as v', (j) =>
            j.onRef('v.org_unit_id', '=', 'm.org_unit_id').on('v.valid_to', 'is', null),
          )
          .select([
            'm.id',
            'm.resident_id_hash as hash',
            'm.phone_hash as phoneHash',
            'm.org_unit_id as orgUnitId',
            'm.status',
          ])
          .where('m.id', 'in', registryIds)
          .where('v.path', 'like', `${scopePath}%`)
          .execute(),
  ]);
  return {
    employers: new Map(employers.map((e) => [e.code, { ...e, inScope: !!e.inScope }])),
    liveByHash: new Map(
      live.map((m) => [
        Buffer.from(m.hash).toString('hex'),
        {
          ...m,
          hash: undefined,
          inScope: !!m.inScope,
          phoneHash: m.phoneHash ? Buffer.from(m.phoneHash) : null,
        },
      ]),
    ),
    byRegistry: new Map(
      registry.map((m) => [
        m.id,
        { ...m, hash: Buffer.from(m.hash), phoneHash: m.phoneHash ? Buffer.from(m.phoneHash) : null },
      ]),
    ),
  };
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
}

/**
 * Runs one roster import. Rows are checked and sealed into a staging table; only when every row is valid
 * are they applied, in one transaction of set-based statements. A crash at any point leaves no member
 * from the file: staging is invisible and is cleared when the job runs again; the apply either commits
 * whole or not at all. A re-import of the same file finds every person already there and changes nothing.
 */
export async function runMemberImport(job: JobRow, ctx: JobContext): Promise<ImportSummary> {
  const { db } = ctx;
  const importId = (job.payload as { importId: number }).importId;
  const imp = await db
    .selectFrom('member_import')
    .selectAll()
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  await db.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
  await db
    .updateTable('member_import')
    .set({ status: 'running', rows_read: 0, report: null, summary: null })
    .where('id', '=', importId)
    .execute();
  const cipher = personalData();
  const date = today();
  const unionRows = await db
    .selectFrom('org_unit_version as v')
    .innerJoin('org_unit as u', 'u.id', 'v.org_unit_id')
    .select(['u.id', 'v.name'])
    .where('v.valid_to', 'is', null)
    .where('u.closed_on', 'is', null)
    .where('v.path', 'like', `${imp.scope_path}%`)
    .execute();
  const unions = new Map(unionRows.map((u) => [u.id, u.name]));
  const checker = new RosterChecker(cipher, imp.org_unit_id, date);
  const problems: RowProblem[] = [];
  let errorCount = 0;
  let rows = 0;
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  let staged = 0;
  let batch: SheetLine[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const facts = { ...(await factsFor(db, batch, checker, imp.scope_path)), unions };
    const good: StagedRow[] = [];
    for (const line of batch) {
      const r = checker.check(importId, line, facts);
      if ('staged' in r) good.push(r.staged);
      else {
        errorCount++;
        if (problems.length < MAX_REPORTED) problems.push(...r.problems);
      }
    }
    // Once a row has failed, nothing will be applied: keep checking, stop sealing.
    if (errorCount === 0 && good.length > 0) {
      await db.insertInto('member_import_row').values(good).execute();
      staged += good.length;
    }
    rows += batch.length;
    batch = [];
    await db.updateTable('member_import').set({ rows_read: rows }).where('id', '=', importId).execute();
    await ctx.progress(bytes, imp.size_bytes);
  };
  try {
    for await (const line of readRoster(fileStream(db, importId, cipher).pipe(counted), imp.format)) {
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (e) {
    if (!(e instanceof RosterFormatError)) throw e;
    errorCount++;
    problems.push({ rowNo: 1, name: '', residentIdMasked: '', message: e.message });
  }
  if (rows === 0 && errorCount === 0) {
    errorCount++;
    problems.push({ rowNo: 2, name: '', residentIdMasked: '', message: '文件中没有数据行' });
  }
  if (errorCount > 0) {
    const summary = { created: 0, updated: 0, unchanged: 0, errors: errorCount };
    await db.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
    await db
      .updateTable('member_import')
      .set({
        status: 'rejected',
        summary: JSON.stringify(summary),
        report: await errorReport(problems, errorCount),
        finished_at: new Date(),
      })
      .where('id', '=', importId)
      .execute();
    await db.deleteFrom('member_import_chunk').where('import_id', '=', importId).execute();
    return summary;
  }
  const summary = await applyStaged(db, importId, imp.scope_path, imp.created_by, staged, date);
  // The embedded database has no autovacuum, so a large import refreshes the planner's statistics itself.
  if (summary.created >= 10_000) await sql`analyze member, member_history`.execute(db);
  await ctx.progress(imp.size_bytes, imp.size_bytes);
  return summary;
}

async function applyStaged(
  db: Kysely<Database>,
  importId: number,
  scopePath: string,
  createdBy: number | null,
  staged: number,
  date: string,
): Promise<ImportSummary> {
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await sql<{ n: number }>`
        select count(*)::int as n from member_import_row where import_id = ${importId} and member_id is not null`.execute(
        trx,
      );
      // Employer changes close the open span and open a new one dated today, before the row is updated.
      await sql`
        update member_history h set valid_to = ${date}
        from member_import_row r join member m on m.id = r.member_id
        where r.import_id = ${importId} and h.member_id = m.id and h.valid_to is null
          and m.employer_id is distinct from r.employer_id`.execute(trx);
      await sql`
        insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
        select m.id, m.org_unit_id, r.employer_id, m.status, ${date}, 'import'
        from member_import_row r join member m on m.id = r.member_id
        where r.import_id = ${importId} and m.employer_id is distinct from r.employer_id`.execute(trx);
      const updated = await sql`
        update member m set
          name = r.name, name_pinyin = r.name_pinyin, name_initials = r.name_initials,
          phone_cipher = case when r.phone_hash is not distinct from m.phone_hash then m.phone_cipher else r.phone_cipher end,
          phone_hash = r.phone_hash, ethnicity = r.ethnicity, education = r.education,
          household_type = r.household_type, migrant_worker = r.migrant_worker,
          new_employment_form = r.new_employment_form, employer_id = r.employer_id, updated_at = now()
        from member_import_row r
        where r.import_id = ${importId} and r.member_id = m.id
          and (m.name, m.phone_hash, m.ethnicity, m.education, m.household_type, m.migrant_worker,
               m.new_employment_form, m.employer_id)
            is distinct from (r.name, r.phone_hash, r.ethnicity, r.education, r.household_type, r.migrant_worker,
               r.new_employment_form, r.employer_id)`.execute(trx);
      await sql`
        with created as (
          insert into member (name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
            gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
            new_employment_form, employer_id, org_unit_id, status, status_since, joined_on)
          select name, name_pinyin, name_initials, resident_id_cipher, resident_id_hash, resident_id_tail,
            gender, birth_date, phone_cipher, phone_hash, ethnicity, education, household_type, migrant_worker,
            new_employment_form, employer_id, org_unit_id, 'active', joined_on, joined_on
          from member_import_row where import_id = ${importId} and member_id is null order by row_no
          returning id, org_unit_id, employer_id, joined_on)
        insert into member_history (member_id, org_unit_id, employer_id, status, valid_from, change)
        select id, org_unit_id, employer_id, 'active', joined_on, 'import' from created`.execute(trx);
      const n = existing.rows[0].n;
      const changed = Number(updated.numAffectedRows ?? 0);
      const summary = { created: staged - n, updated: changed, unchanged: n - changed, errors: 0 };
      await trx.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
      await trx.deleteFrom('member_import_chunk').where('import_id', '=', importId).execute();
      await trx
        .updateTable('member_import')
        .set({ status: 'done', summary: JSON.stringify(summary), finished_at: new Date() })
        .where('id', '=', importId)
        .execute();
      const user = createdBy
        ? await trx
            .selectFrom('app_user')
            .select(['id', 'username', 'org_unit_id'])
            .where('id', '=', createdBy)
            .executeTakeFirst()
        : undefined;
      await audit(
        trx,
        user
          ? { userId: user.id, username: user.username, orgUnitId: user.org_unit_id, clientAddress: null }
          : null,
        {
          action: 'member.import',
          entityType: 'member_import',
          entityId: importId,
          scopePath,
          after: summary,
        },
      );
      return summary;
    });
  } catch (e) {
    if (!isOneLiveViolation(e)) throw e;
    const summary = { created: 0, updated: 0, unchanged: 0, errors: 1 };
    await db.deleteFrom('member_import_row').where('import_id', '=', importId).execute();
    const message =
      '导入期间有名单中的人员在别处登记了会籍，本次导入未写入任何数据；请重新导入，系统会列出这些人员';
    await db
      .updateTable('member_import')
      .set({
        status: 'rejected',
        summary: JSON.stringify(summary),
        report: await errorReport([{ rowNo: 0, name: '', residentIdMasked: '', message }], 1),
        finished_at: new Date(),
      })
      .where('id', '=', importId)
      .execute();
    return summary;
  }
}

/** The error report: one line per faulty row, IDs masked, with the row number as Excel shows it. */
async function errorReport(problems: RowProblem[], total: number): Promise<Buffer> {
  const w = rosterWriter('错误报告', ['行号', '错误说明']);
  const parts: Buffer[] = [];
  w.stream.on('data', (c: Buffer) => parts.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    w.stream.on('end', () => resolve());
    w.stream.on('error', reject);
  });
  for (const p of problems)
    w.add({ name: p.name, residentId: p.residentIdMasked }, [String(p.rowNo), p.message]);
  if (total > problems.length) w.add({}, ['', `另有 ${total - problems.length} 行错误未列出`]);
  await w.finish();
  await ended;
  return Buffer.concat(parts);
}
