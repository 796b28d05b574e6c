import { sql, type RawBuilder } from 'kysely';
import type { SheetLine } from './member.sheet.ts';
import type {
  BatchFacts,
  HeldRow,
  RowChecker,
  RowIdentity,
  RowProblem,
  RowRepeats,
  StagedRow,
} from './member-import.check.ts';

type SqlArrayType = 'int' | 'text' | 'bytea' | 'bool' | 'date';

/** Staged columns with their SQL array types, in the order the packed literals follow. */
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
  ['set_mask', 'int'],
  ['hold', 'text'],
  ['resident_id_masked', 'text'],
] as const satisfies ReadonlyArray<readonly [keyof StagedRow, SqlArrayType]>;

const hexOf = (bytes: Uint8Array) =>
  (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString(
    'hex',
  );
const quoted = (text: string) =>
  text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;

/** One array element in literal form; NULL for a missing value. */
function element(v: unknown, type: SqlArrayType): string {
  if (v === null || v === undefined) return 'NULL';
  switch (type) {
    case 'bytea':
      return `"\\\\x${typeof v === 'string' ? v : hexOf(v as Uint8Array)}"`;
    case 'int':
      return String(v as number);
    case 'bool':
      return v ? 't' : 'f';
    default:
      return quoted(v as string);
  }
}

/**
 * One PostgreSQL array literal (`{…}`) of values of one type. Text elements are always quoted, so commas,
 * braces, quotes and backslashes in them survive; bytea is given as hex text, and a hash already is hex.
 * Building the literal here costs one string per column, where a driver would escape every element of
 * every array again on the thread that talks to the database.
 */
export function arrayLiteral(values: ReadonlyArray<unknown>, type: SqlArrayType): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = element(values[i], type);
  return `{${parts.join(',')}}`;
}

/** Rows packed for one statement: a literal per staged column. */
export interface PackedRows {
  count: number;
  columns: string[];
}

export function packRows(rows: StagedRow[]): PackedRows {
  return {
    count: rows.length,
    columns: STAGED_COLUMNS.map(([c, type]) => {
      const parts = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) parts[i] = element(rows[i][c], type);
      return `{${parts.join(',')}}`;
    }),
  };
}

/**
 * The packed rows as a relation `u` with the staged columns and `ord`, their order in the batch: the
 * server unpacks twenty array parameters, however many rows there are.
 */
export function unpackedRows(rows: PackedRows): RawBuilder<unknown> {
  const arrays = sql.join(STAGED_COLUMNS.map(([, type], i) => sql`${rows.columns[i]}::${sql.raw(type)}[]`));
  const names = sql.join(STAGED_COLUMNS.map(([c]) => sql.ref(c)));
  return sql`unnest(${arrays}) with ordinality as u(${names}, ord)`;
}

/** The staged column names, for an insert into the staging table. */
export const stagedColumnNames = sql.join(STAGED_COLUMNS.map(([c]) => sql.ref(c)));

/** One batch of rows, with all that was decided about it in file order. */
export interface BatchToCheck {
  lines: SheetLine[];
  identities: RowIdentity[];
  repeats: RowRepeats[];
  facts: BatchFacts;
  /** False once a row of the file has failed: nothing will be written, so nothing is sealed. */
  seal: boolean;
}

/** A checked batch: new members and changes to existing ones, packed to write, or the problems found. */
export interface CheckedBatch {
  rows: number;
  errors: number;
  problems: RowProblem[];
  fresh: PackedRows;
  existing: PackedRows;
  /** Employers of the new members: their tallies change. */
  freshEmployers: number[];
  /** Rows listed apart: people of other unions, and changed names waiting for confirmation. */
  held: HeldRow[];
  /** New members who had left before: ID hash and the earlier membership, for their history. */
  rejoins: Array<{ hash: string; formerId: number }>;
}

/** Checks a batch row by row; the same on the import's own thread and on a checking thread. */
export function checkBatch(checker: RowChecker, batch: BatchToCheck, maxProblems: number): CheckedBatch {
  const fresh: StagedRow[] = [];
  const existing: StagedRow[] = [];
  const problems: RowProblem[] = [];
  const held: HeldRow[] = [];
  const rejoins: CheckedBatch['rejoins'] = [];
  const employers = new Set<number>();
  let errors = 0;
  const { lines, identities, repeats, facts, seal } = batch;
  for (let i = 0; i < lines.length; i++) {
    const r = checker.check(lines[i], identities[i], repeats[i], facts, seal && errors === 0);
    if ('problems' in r) {
      errors++;
      if (problems.length < maxProblems) problems.push(...r.problems);
      continue;
    }
    if (r.held) held.push(r.held);
    if ('rejoins' in r && r.rejoins) rejoins.push(r.rejoins);
    if (!('staged' in r)) continue;
    if (r.staged?.member_id === null) {
      fresh.push(r.staged);
      if (r.staged.employer_id !== null) employers.add(r.staged.employer_id);
    } else if (r.staged) existing.push(r.staged);
  }
  const none = errors > 0;
  return {
    rows: lines.length,
    errors,
    problems,
    fresh: packRows(none ? [] : fresh),
    existing: packRows(none ? [] : existing),
    freshEmployers: none ? [] : [...employers],
    held: none ? [] : held,
    rejoins: none ? [] : rejoins,
  };
}
