import { sql, type Kysely } from 'kysely';
import { registryIdOf } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { BatchFacts, RowIdentity } from './member-import.check.ts';
import { arrayLiteral, type CheckedBatch } from './member-import.rows.ts';
import { LIVE_STATUSES } from '../registry/member.repository.ts';
import type { SheetLine } from './member.sheet.ts';
import { inScope, type Scope } from '../../../platform/scope.ts';

/** Members with their union as it stands now, and whether it lies in the importer's scope. */
function membersWithUnion(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('member as m')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'm.org_unit_id').on('v.valid_to', 'is', null),
    )
    .select([
      'm.id',
      'm.name',
      sql<string>`encode(m.resident_id_hash, 'hex')`.as('hash'),
      sql<string | null>`encode(m.phone_hash, 'hex')`.as('phoneHash'),
      'm.org_unit_id as orgUnitId',
      'v.name as orgUnitName',
      'm.status',
      inScope('v.path', scope).as('inScope'),
    ]);
}

/**
 * What a batch of rows needs from the database, in four set queries whatever the batch size: arrays
 * are passed whole (`= any($1)`), so the statement text and its parameters stay small.
 */
export async function factsFor(
  db: Kysely<Database>,
  lines: SheetLine[],
  identities: RowIdentity[],
  scope: Scope,
): Promise<BatchFacts> {
  const codes = [...new Set(lines.map((l) => l.row.employerCreditCode.toUpperCase()).filter(Boolean))];
  const hashes = identities.flatMap((i) => (i?.ok ? [i.hash] : []));
  const registryIds = lines.flatMap((l) => {
    const id = l.row.registryNo ? registryIdOf(l.row.registryNo) : null;
    return id === null ? [] : [id];
  });
  const [employers, live, registry, left] = await Promise.all([
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
            inScope('v.path', scope).as('inScope'),
          ])
          .where('e.credit_code', '=', sql<string>`any(${sql.val(codes)}::text[])`)
          .execute(),
    hashes.length === 0
      ? []
      : membersWithUnion(db, scope)
          .where('m.resident_id_hash', '=', sql<Buffer>`any(${arrayLiteral(hashes, 'bytea')}::bytea[])`)
          .where('m.status', 'in', LIVE_STATUSES)
          .execute(),
    registryIds.length === 0
      ? []
      : membersWithUnion(db, scope)
          .where('m.id', '=', sql<number>`any(${sql.val(registryIds)}::int[])`)
          .where(inScope('v.path', scope))
          .execute(),
    hashes.length === 0
      ? []
      : db
          .selectFrom('member as m')
          .select(['m.id', sql<string>`encode(m.resident_id_hash, 'hex')`.as('hash')])
          .where('m.resident_id_hash', '=', sql<Buffer>`any(${arrayLiteral(hashes, 'bytea')}::bytea[])`)
          .where('m.status', '=', 'left')
          .orderBy('m.id')
          .execute(),
  ]);
  return {
    employers: new Map(employers.map((e) => [e.code, { ...e, inScope: !!e.inScope }])),
    liveByHash: new Map(live.map((m) => [m.hash, { ...m, inScope: !!m.inScope }])),
    byRegistry: new Map(registry.map((m) => [m.id, { ...m, inScope: true }])),
    // Ordered by id, so the latest membership of a person who left more than once wins.
    leftByHash: new Map(left.map((m) => [m.hash, m.id])),
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

/**
 * Hands checked batches to the database in order while the next ones are read and checked: the server
 * stores one batch while the next waits its turn, so it never idles between batches. `write` returns at
 * once unless `queued` batches already wait, which bounds the memory they hold.
 */
export class StagingWriter {
  #tail: Promise<void> = Promise.resolve();
  readonly #waiting: Array<Promise<void>> = [];
  #failure: { error: unknown } | null = null;

  constructor(
    private readonly store: (batch: CheckedBatch) => Promise<void>,
    private readonly queued = 2,
  ) {}

  /** Queues a batch behind those already written; rethrows an earlier write's failure. */
  async write(batch: CheckedBatch): Promise<void> {
    while (this.#waiting.length >= this.queued) await this.#waiting[0];
    if (this.#failure) throw this.#failure.error;
    const entry: Promise<void> = this.#tail
      .then(async () => {
        // After a failure nothing more is stored: the import is being rolled back.
        if (!this.#failure) await this.store(batch);
      })
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => {
        this.#waiting.splice(this.#waiting.indexOf(entry), 1);
      });
    this.#tail = entry;
    this.#waiting.push(entry);
  }

  /** Waits for every queued write and rethrows the first failure. */
  async flush(): Promise<void> {
    await this.settle();
    if (this.#failure) throw this.#failure.error;
  }

  /** Waits for every queued write, ignoring their outcome (the import is already failing). */
  async settle(): Promise<void> {
    await this.#tail;
  }
}
