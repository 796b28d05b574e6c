import { sql, type Kysely } from 'kysely';
import { registryIdOf } from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { BatchFacts, RowIdentity, StagedRow } from './member.import-check.ts';
import { LIVE_STATUSES } from './member.repository.ts';
import type { SheetLine } from './member.sheet.ts';

/**
 * What a batch of rows needs from the database, in three set queries whatever the batch size: arrays
 * are passed whole (`= any($1)`), so the statement text and its parameters stay small.
 */
export async function factsFor(
  db: Kysely<Database>,
  lines: SheetLine[],
  identities: RowIdentity[],
  scopePath: string,
): Promise<Omit<BatchFacts, 'unions'>> {
  const codes = [...new Set(lines.map((l) => l.row.employerCreditCode.toUpperCase()).filter(Boolean))];
  const hashes = identities.flatMap((i) => (i?.ok ? [i.hash] : []));
  const registryIds = lines.flatMap((l) => {
    const id = l.row.registryNo ? registryIdOf(l.row.registryNo) : null;
    return id === null ? [] : [id];
  });
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
          .where('e.credit_code', '=', sql<string>`any(${sql.val(codes)}::text[])`)
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
          .where('m.resident_id_hash', '=', sql<Buffer>`any(${sql.val(hashes)}::bytea[])`)
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
          .where('m.id', '=', sql<number>`any(${sql.val(registryIds)}::int[])`)
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

/**
 * Pairs each batch with what it needs from the database, fetched one batch ahead: the lookup for the
 * next batch runs on the server while the current one is checked. A failure of the source (a malformed
 * file) comes after the batch read before it, so that batch is still checked and reported.
 */
export async function* lookedUpAhead<T, F>(
  source: AsyncIterable<T>,
  lookup: (batch: T) => Promise<F>,
): AsyncGenerator<[T, F]> {
  let ahead: { batch: T; facts: Promise<F> } | null = null;
  try {
    for await (const batch of source) {
      const facts = lookup(batch);
      // Awaited when its batch comes up; until then a failure must not count as unhandled.
      facts.catch(() => {});
      if (ahead) yield [ahead.batch, await ahead.facts];
      ahead = { batch, facts };
    }
  } catch (e) {
    if (ahead) yield [ahead.batch, await ahead.facts];
    throw e;
  }
  if (ahead) yield [ahead.batch, await ahead.facts];
}

/** Staging columns after import_id, with their SQL array types for unnest. */
const STAGED_COLUMNS = [
  ['row_no', 'int'],
  ['member_id', 'int'],
  ['name', 'text'],
  ['name_pinyin', 'text'],
  ['name_initials', 'text'],
  ['resident_id_cipher', 'bytea'],
  ['resident_id_hash', 'bytea'],
  ['resident_id_tail', 'text'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['phone_cipher', 'bytea'],
  ['phone_hash', 'bytea'],
  ['ethnicity', 'text'],
  ['education', 'text'],
  ['household_type', 'text'],
  ['migrant_worker', 'bool'],
  ['new_employment_form', 'bool'],
  ['employer_id', 'int'],
  ['org_unit_id', 'int'],
  ['joined_on', 'date'],
] as const satisfies ReadonlyArray<readonly [keyof StagedRow, string]>;

/**
 * The rows of a batch as one `select` over array parameters, one per column: the server unpacks the
 * arrays, so a batch of thousands of rows costs one statement of twenty parameters instead of tens of
 * thousands of them.
 */
export function stagedRowsQuery(importId: number, rows: StagedRow[]) {
  const names = sql.join(STAGED_COLUMNS.map(([c]) => sql.ref(c)));
  const arrays = sql.join(
    STAGED_COLUMNS.map(([c, type]) => sql`${sql.val(rows.map((r) => r[c] ?? null))}::${sql.raw(type)}[]`),
  );
  return {
    columns: sql`import_id, ${names}`,
    select: sql`select ${importId}, u.* from unnest(${arrays}) as u`,
  };
}

/**
 * Hands checked batches to the database while the next batch is read and checked: on PostgreSQL the
 * server stores one batch while this process works on the next. At most one write is in flight.
 */
export class StagingWriter {
  #pending: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | null = null;
  staged = 0;

  constructor(private readonly store: (rows: StagedRow[]) => Promise<void>) {}

  /** Starts writing a batch once the previous one is written; resolves as soon as it has started. */
  async write(rows: StagedRow[]): Promise<void> {
    await this.flush();
    this.staged += rows.length;
    this.#pending = this.store(rows).catch((error: unknown) => {
      this.#failure = { error };
    });
  }

  /** Waits for the write in flight and rethrows its failure. */
  async flush(): Promise<void> {
    await this.#pending;
    if (this.#failure) throw this.#failure.error;
  }

  /** Waits for the write in flight, ignoring its outcome (the import is already failing). */
  async settle(): Promise<void> {
    await this.#pending;
  }
}
