import {
  createArchiveBody,
  householdMemberBody,
  type HealthState,
  type HouseholdRelation,
  type SuddenCause,
} from '@gonghui/contracts';
import type { RecordChecker } from '../../../platform/imports/import.pipeline.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import {
  EXAMPLE_MARK,
  headerOfColumn,
  healthByLabel,
  relationByLabel,
  suddenCauseByLabel,
  type ArchiveColumn,
  type ArchiveLine,
} from './archive-import.sheet.ts';

/** What is wrong with one cell (or one row, without a column) of the file. */
export interface RowProblem {
  rowNo: number;
  column: ArchiveColumn | null;
  message: string;
}

export interface ImportedMember {
  rowNo: number;
  name: string;
  relation: HouseholdRelation;
  /** The ID as checked and normalised (upper-case X). */
  residentId: string;
  health: HealthState;
  annualIncomeFen: number;
  occupation: string | null;
}

/** One household of the file: the head's row and its members' rows, checked without the database. */
export interface ImportedHousehold {
  headRowNo: number;
  /** The unit as the file names it (name or division code), found in the caller's scope when planned. */
  unit: string;
  members: ImportedMember[];
  unavoidableExpenseFen: number;
  suddenCause: SuddenCause | null;
  suddenNote: string | null;
  reviewDueOn: string;
}

/** How a problem reads in the error report: the row and the column, in the template's words. */
export function describeProblem(p: RowProblem): string {
  return p.column
    ? `第 ${p.rowNo} 行「${headerOfColumn[p.column]}」：${p.message}`
    : `第 ${p.rowNo} 行：${p.message}`;
}

// Control characters other than none at all: a cell pasted from another system may carry them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Yuan with at most two decimals, as fen; null when the text is not such an amount. */
export function fenOfYuan(text: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const memberField: Record<string, ArchiveColumn> = {
  name: 'name',
  relation: 'relation',
  residentId: 'residentId',
  health: 'health',
  annualIncomeFen: 'income',
  occupation: 'occupation',
};
const householdField: Record<string, ArchiveColumn> = {
  unavoidableExpenseFen: 'expense',
  suddenCause: 'suddenCause',
  suddenNote: 'suddenNote',
  reviewDueOn: 'reviewDueOn',
};
const householdBody = createArchiveBody.pick({
  unavoidableExpenseFen: true,
  suddenCause: true,
  suddenNote: true,
  reviewDueOn: true,
});

function checkMember(line: ArchiveLine, problems: RowProblem[]): ImportedMember | null {
  const { row, rowNo } = line;
  const before = problems.length;
  const relation = relationByLabel.get(row.relation);
  if (!relation)
    problems.push({
      rowNo,
      column: 'relation',
      message: `应为${[...relationByLabel.keys()].join('、')}之一`,
    });
  const health = healthByLabel.get(row.health);
  if (!health)
    problems.push({ rowNo, column: 'health', message: `应为${[...healthByLabel.keys()].join('、')}之一` });
  const income = row.income === '' ? 0 : fenOfYuan(row.income);
  if (income === null)
    problems.push({
      rowNo,
      column: 'income',
      message: '应为以元计的金额，最多两位小数，如 24000 或 1850.50',
    });
  const parsed = householdMemberBody.safeParse({
    name: row.name,
    relation: relation ?? 'other',
    residentId: row.residentId,
    health: health ?? 'healthy',
    annualIncomeFen: income ?? 0,
    occupation: row.occupation,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      problems.push({ rowNo, column: memberField[String(issue.path[0])] ?? null, message: issue.message });
  const id = checkResidentId(row.residentId);
  if (parsed.success && !id.ok) problems.push({ rowNo, column: 'residentId', message: id.message });
  if (problems.length > before || !parsed.success || !id.ok) return null;
  return { rowNo, ...parsed.data, residentId: id.id.value, occupation: parsed.data.occupation ?? null };
}

/** Checks one household's rows together: the head first, the members below, the household's fields on the head's row. */
export function checkHousehold(
  lines: ArchiveLine[],
): { record: ImportedHousehold } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  for (const line of lines)
    for (const c of Object.keys(line.row) as ArchiveColumn[])
      if (CONTROL.test(line.row[c]))
        problems.push({ rowNo: line.rowNo, column: c, message: '含有不可见的控制字符，请删除后重新导入' });
  if (problems.length > 0) return { problems };
  const [head, ...rest] = lines;
  if (head.row.relation !== '户主')
    return {
      problems: lines.map((l) => ({
        rowNo: l.rowNo,
        column: 'relation' as const,
        message: '家庭成员行之前应有“户主”行：每户从户主行开始',
      })),
    };
  if (head.row.unit === '') problems.push({ rowNo: head.rowNo, column: 'unit', message: '请填写建档单位' });
  for (const l of rest) {
    if (l.row.unit !== '' && l.row.unit !== head.row.unit)
      problems.push({ rowNo: l.rowNo, column: 'unit', message: `与第 ${head.rowNo} 行户主的建档单位不同` });
    for (const c of ['expense', 'suddenCause', 'suddenNote', 'reviewDueOn'] as const)
      if (l.row[c] !== '')
        problems.push({ rowNo: l.rowNo, column: c, message: '家庭情况请填在户主行，家庭成员行留空' });
  }
  if (lines.length > 20)
    problems.push({
      rowNo: head.rowNo,
      column: null,
      message: `该户有 ${lines.length} 人，家庭成员最多 20 人`,
    });
  const members = lines.map((l) => checkMember(l, problems));
  const expense = head.row.expense === '' ? 0 : fenOfYuan(head.row.expense);
  if (expense === null)
    problems.push({ rowNo: head.rowNo, column: 'expense', message: '应为以元计的金额，最多两位小数' });
  const cause =
    head.row.suddenCause === '' ? null : (suddenCauseByLabel.get(head.row.suddenCause) ?? undefined);
  if (cause === undefined)
    problems.push({
      rowNo: head.rowNo,
      column: 'suddenCause',
      message: `应为${[...suddenCauseByLabel.keys()].join('、')}之一，或留空`,
    });
  const household = householdBody.safeParse({
    unavoidableExpenseFen: expense ?? 0,
    suddenCause: cause ?? null,
    suddenNote: head.row.suddenNote,
    reviewDueOn: head.row.reviewDueOn,
  });
  if (!household.success)
    for (const issue of household.error.issues)
      problems.push({
        rowNo: head.rowNo,
        column: householdField[String(issue.path[0])] ?? null,
        message:
          head.row.reviewDueOn === '' && issue.path[0] === 'reviewDueOn'
            ? '请填写下次复核日期'
            : issue.message,
      });
  const seen = new Map<string, number>();
  for (const m of members) {
    if (!m) continue;
    const first = seen.get(m.residentId);
    if (first !== undefined)
      problems.push({ rowNo: m.rowNo, column: 'residentId', message: `与第 ${first} 行的身份证号重复` });
    else seen.set(m.residentId, m.rowNo);
    if (m.relation === 'head' && m.rowNo !== head.rowNo)
      problems.push({ rowNo: m.rowNo, column: 'relation', message: '一户只能有一位户主' });
  }
  if (problems.length > 0 || !household.success) return { problems };
  return {
    record: {
      headRowNo: head.rowNo,
      unit: head.row.unit,
      members: members as ImportedMember[],
      unavoidableExpenseFen: household.data.unavoidableExpenseFen,
      suddenCause: household.data.suddenCause ?? null,
      suddenNote: household.data.suddenNote ?? null,
      reviewDueOn: household.data.reviewDueOn,
    },
  };
}

/** How the platform pipeline reads the sheet: rows grouped into households from each head's row, keyed by the head's ID. */
export const archiveChecker: RecordChecker<ArchiveLine, ImportedHousehold, RowProblem> = {
  skip: (line) => line.row.name.startsWith(EXAMPLE_MARK),
  group: (lines) => {
    const groups: ArchiveLine[][] = [];
    for (const line of lines) {
      if (line.row.relation === '户主' || groups.length === 0) groups.push([line]);
      else groups[groups.length - 1].push(line);
    }
    return groups;
  },
  check: checkHousehold,
  key: (h) => h.members[0].residentId,
  repeated: (first) => ({
    rowNo: 0,
    column: 'residentId',
    message: `该户主已在第 ${first} 行的户中出现，同一户只能导入一次`,
  }),
};
