import {
  checkCreditCode,
  modelWorkerLevelLabels,
  modelWorkerStatusLabels,
  type ModelWorkerLevel,
  type ModelWorkerStatus,
} from '@gonghui/contracts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import type { ImportLine } from '../../../platform/imports/import.pipeline.ts';

/** Rows whose name starts with this are the template's example and are never imported. */
export const EXAMPLE_MARK = '【示例】';

/** The template's columns, in order. */
export const importColumns = [
  { key: 'name', header: '姓名', width: 12 },
  { key: 'residentId', header: '身份证号码', width: 22 },
  { key: 'level', header: '荣誉级别', width: 10 },
  { key: 'title', header: '荣誉称号', width: 22 },
  { key: 'awardedYear', header: '授予年份', width: 10 },
  { key: 'creditCode', header: '工作单位统一社会信用代码', width: 26 },
  { key: 'status', header: '在职状态', width: 10 },
  { key: 'hardship', header: '生活困难', width: 10 },
  { key: 'hardshipEvidence', header: '困难情况说明', width: 40 },
] as const;
export type ImportColumn = (typeof importColumns)[number]['key'];

const headerOf = new Map<ImportColumn, string>(importColumns.map((c) => [c.key, c.header]));

export interface RowProblem {
  column: ImportColumn | null;
  message: string;
}

/** A problem as the report shows it: 第 3 行「授予年份」：… */
export function describeProblem(rowNo: number, p: RowProblem): string {
  const column = p.column ? `「${headerOf.get(p.column)}」` : '';
  return `第 ${rowNo} 行${column}：${p.message}`;
}

/** One row of the file, its cells in the template's column order. */
export type WorkerLine = ImportLine;

/** A row checked on its own (no database). */
export interface ImportedWorker {
  name: string;
  residentId: string;
  gender: 'male' | 'female';
  birthDate: string;
  level: ModelWorkerLevel;
  title: string;
  awardedYear: number;
  creditCode: string;
  status: ModelWorkerStatus;
  hardship: boolean;
  hardshipEvidence: string | null;
}

// eslint-disable-next-line no-control-regex -- finding control characters in a cell is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map<string, K>(Object.entries<string>(labels).map(([k, v]) => [v, k as K]));
const levelByLabel = byLabel(modelWorkerLevelLabels);
const statusByLabel = byLabel(modelWorkerStatusLabels);
const listOf = (labels: Record<string, string>) => Object.values(labels).join('、');

/** The header row of the file: the template's columns in its order, or what is missing. */
export function checkHeader(cells: string[]): string | null {
  const missing = importColumns.filter((c, i) => (cells[i] ?? '').trim() !== c.header);
  if (missing.length === 0) return null;
  return `第 1 行应为导入模板的表头（${importColumns.map((c) => c.header).join('、')}），不一致的列：${missing
    .map((c) => c.header)
    .join('、')}。请下载导入模板后按模板填写`;
}

/** Checks one row: the worker it registers, or every problem found in it. */
export function checkRow(
  line: WorkerLine,
  thisYear: number,
): { record: ImportedWorker } | { problems: RowProblem[] } {
  const cell = Object.fromEntries(
    importColumns.map((c, i) => [c.key, (line.cells[i] ?? '').trim()]),
  ) as Record<ImportColumn, string>;
  const problems: RowProblem[] = [];
  for (const c of importColumns) {
    if (CONTROL.test(cell[c.key]))
      problems.push({ column: c.key, message: '含有不可见的控制字符，请删除后重新填写' });
    else if (cell[c.key].length > 500) problems.push({ column: c.key, message: '内容过长，最多 500 个字' });
  }
  if (problems.length > 0) return { problems };

  const { name, title } = cell;
  if (name.length < 2 || name.length > 30)
    problems.push({ column: 'name', message: '姓名应为 2 至 30 个字' });
  const id = checkResidentId(cell.residentId);
  if (!id.ok)
    problems.push({ column: 'residentId', message: cell.residentId ? id.message : '请填写身份证号码' });
  const level = levelByLabel.get(cell.level);
  if (!level)
    problems.push({
      column: 'level',
      message: `应为 ${listOf(modelWorkerLevelLabels)} 之一，现为「${cell.level}」`,
    });
  if (title.length < 2 || title.length > 40)
    problems.push({ column: 'title', message: '荣誉称号应为 2 至 40 个字' });
  let awardedYear = 0;
  if (!/^\d{4}$/.test(cell.awardedYear)) {
    problems.push({ column: 'awardedYear', message: '应为四位数的年份，例如 2016' });
  } else {
    awardedYear = Number(cell.awardedYear);
    const birthYear = id.ok ? Number(id.id.birthDate.slice(0, 4)) : null;
    if (awardedYear > thisYear)
      problems.push({ column: 'awardedYear', message: `授予年份不能晚于 ${thisYear} 年` });
    else if (awardedYear < 1950)
      problems.push({ column: 'awardedYear', message: '授予年份不能早于 1950 年' });
    else if (birthYear !== null && awardedYear < birthYear + 14)
      problems.push({ column: 'awardedYear', message: '授予年份早于本人 14 周岁，请核对' });
  }
  const code = checkCreditCode(cell.creditCode);
  if (!code.ok) problems.push({ column: 'creditCode', message: code.message });
  const status = statusByLabel.get(cell.status);
  if (!status)
    problems.push({
      column: 'status',
      message: `应为 ${listOf(modelWorkerStatusLabels)} 之一，现为「${cell.status}」`,
    });
  const hardship =
    cell.hardship === '是' ? true : cell.hardship === '否' || cell.hardship === '' ? false : null;
  if (hardship === null)
    problems.push({ column: 'hardship', message: `应为“是”或“否”，现为「${cell.hardship}」` });
  if (hardship && !cell.hardshipEvidence)
    problems.push({ column: 'hardshipEvidence', message: '标记生活困难时请填写困难情况说明' });

  if (problems.length > 0 || !id.ok || !level || !status || !code.ok || hardship === null)
    return { problems };
  return {
    record: {
      name,
      residentId: id.id.value,
      gender: id.id.gender,
      birthDate: id.id.birthDate,
      level,
      title,
      awardedYear,
      creditCode: code.code,
      status,
      hardship,
      hardshipEvidence: cell.hardshipEvidence || null,
    },
  };
}
