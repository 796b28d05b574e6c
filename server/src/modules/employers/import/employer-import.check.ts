import {
  checkCreditCode,
  industryDivision,
  unitCategoryCodes,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';
import {
  NO,
  partyStatusByLabel,
  sheetColumns,
  unionStatusByLabel,
  YES,
  type SheetKey,
} from './employer.sheet.ts';
import type { SheetLine } from './employer-sheet.reader.ts';

/** Rows whose name starts with this are the template's example and are never imported. */
export const EXAMPLE_MARK = '【示例】';

const headerOf = new Map<SheetKey, string>(sheetColumns.map((c) => [c.key, c.header]));

export interface RowProblem {
  column: SheetKey | null;
  message: string;
}

/** One row, checked and with its locality resolved. */
export interface ImportedEmployer {
  creditCode: string;
  name: string;
  unitCategory: string;
  industryCode: string;
  employees: number;
  aboveScale: boolean;
  orgUnitId: number;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  registeredOn: string;
  unionStatus: UnionStatus;
  unionSince: string | null;
  partyStatus: PartyStatus;
  partySince: string | null;
  instructorName: string | null;
  instructorSince: string | null;
  /** Whether the file has the instructor date column; older files date an instructor change as before. */
  instructorDated: boolean;
  /** The optional cells the row leaves empty (or whose column the file lacks): they keep what is stored. */
  blank: KeptWhenBlank[];
}

/**
 * Optional cells that an empty value (or an absent column) never erases on an employer already
 * registered: clearing them is done on the employer's page. For a new employer they mean "none".
 */
export const keptWhenBlank = [
  'address',
  'contactName',
  'contactPhone',
  'unionStatus',
  'partyStatus',
  'instructorName',
] as const;
export type KeptWhenBlank = (typeof keptWhenBlank)[number];

/** The units an employer in the importer's scope may be placed at, found by division code or name. */
export interface Localities {
  byCode: Map<string, number>;
  byName: Map<string, number[]>;
}

/** A problem as the report shows it: 第 3 行「职工人数」：… */
export function describeProblem(rowNo: number, p: RowProblem): string {
  const column = p.column ? `「${headerOf.get(p.column)}」` : '';
  return `第 ${rowNo} 行${column}：${p.message}`;
}

/** A date typed as 2011-09-30, 2011/9/30 or 2011年9月30日, as YYYY-MM-DD, or null when it is no date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

const optionalText = (v: string) => (v.trim() === '' ? null : v.trim());

function resolveLocality(code: string, name: string, places: Localities): number | RowProblem {
  if (code !== '') {
    if (!/^\d{9}(\d{3})?$/.test(code)) {
      return { column: 'localityCode', message: '应为镇（街道）9 位或村（社区）12 位统计用区划代码' };
    }
    const id = places.byCode.get(code);
    if (id === undefined) {
      return { column: 'localityCode', message: `区划代码 ${code} 对应的组织不存在或不在您的管辖范围内` };
    }
    return id;
  }
  if (name === '')
    return { column: 'localityName', message: '请填写所在地统计区划代码或所在镇街、村社区名称' };
  const ids = [
    ...new Set([name, `${name}工会`, `${name}联合工会`].flatMap((n) => places.byName.get(n) ?? [])),
  ];
  if (ids.length === 0) {
    return { column: 'localityName', message: `「${name}」不存在或不在您的管辖范围内` };
  }
  if (ids.length > 1) {
    return { column: 'localityName', message: `「${name}」有 ${ids.length} 个同名组织，请填写统计区划代码` };
  }
  return ids[0];
}

function statusDate(
  text: string,
  column: 'unionSince' | 'partySince' | 'instructorSince',
  registeredOn: string | null,
  today: string,
  problems: RowProblem[],
): string | null {
  if (text === '') return null;
  const d = parseDate(text);
  if (!d) problems.push({ column, message: `「${text}」不是有效日期，应为 YYYY-MM-DD，如 2011-09-30` });
  else if (d > today) problems.push({ column, message: '日期不能晚于今天' });
  else if (registeredOn && d < registeredOn) {
    problems.push({ column, message: `日期不能早于登记日期 ${registeredOn}` });
  } else return d;
  return null;
}

/**
 * Checks one row on its own (every column, the locality against the importer's scope); the checks that
 * need the stored employer come later. Returns the employer or every problem found in the row.
 */
export function checkRow(
  line: SheetLine,
  places: Localities,
  today: string,
): { employer: ImportedEmployer } | { problems: RowProblem[] } {
  const r = line.row;
  const problems: RowProblem[] = [];
  const code = checkCreditCode(r.creditCode);
  if (!code.ok) problems.push({ column: 'creditCode', message: code.message });

  const name = r.name.trim();
  if (name.length < 2)
    problems.push({ column: 'name', message: name ? '单位名称至少 2 个字' : '请填写单位名称' });
  else if (name.length > 100) problems.push({ column: 'name', message: '单位名称最多 100 个字' });

  if (!(unitCategoryCodes as readonly string[]).includes(r.unitCategory)) {
    problems.push({
      column: 'unitCategory',
      message: r.unitCategory
        ? `「${r.unitCategory}」不是单位类别代码，如 170 私营企业`
        : '请填写单位类别代码',
    });
  }
  const industry = r.industryCode.padStart(r.industryCode.length === 1 ? 2 : 0, '0');
  if (!industryDivision(industry)) {
    problems.push({
      column: 'industryCode',
      message: r.industryCode
        ? `「${r.industryCode}」不是 GB/T 4754-2017 的行业大类代码（两位数字）`
        : '请填写行业大类代码',
    });
  }

  const employeesText = r.employees.replace(/[,，\s]/g, '');
  const employees = /^\d{1,7}$/.test(employeesText) ? Number(employeesText) : NaN;
  if (employeesText === '') problems.push({ column: 'employees', message: '请填写职工人数' });
  else if (!Number.isInteger(employees) || employees > 1_000_000) {
    problems.push({ column: 'employees', message: `「${r.employees}」不是有效人数，应为 0–1000000 的整数` });
  }

  if (r.aboveScale !== YES && r.aboveScale !== NO) {
    problems.push({ column: 'aboveScale', message: `请填写“${YES}”或“${NO}”` });
  }

  const locality = resolveLocality(r.localityCode, r.localityName.trim(), places);
  if (typeof locality !== 'number') problems.push(locality);

  const address = optionalText(r.address);
  if (address && address.length > 200) problems.push({ column: 'address', message: '地址最多 200 个字' });
  const contactName = optionalText(r.contactName);
  if (contactName && contactName.length > 40)
    problems.push({ column: 'contactName', message: '联系人最多 40 个字' });
  const contactPhone = optionalText(r.contactPhone);
  if (contactPhone && !/^[0-9+\-() ]{5,30}$/.test(contactPhone)) {
    problems.push({ column: 'contactPhone', message: '联系电话只能包含数字、空格和 + - ( )，5–30 位' });
  }

  const registeredOn = parseDate(r.registeredOn);
  if (!r.registeredOn) problems.push({ column: 'registeredOn', message: '请填写登记日期' });
  else if (!registeredOn) {
    problems.push({ column: 'registeredOn', message: `「${r.registeredOn}」不是有效日期，应为 YYYY-MM-DD` });
  } else if (registeredOn > today) problems.push({ column: 'registeredOn', message: '登记日期不能晚于今天' });

  const unionStatus = r.unionStatus === '' ? 'none' : unionStatusByLabel.get(r.unionStatus);
  if (!unionStatus) {
    problems.push({ column: 'unionStatus', message: `应为${[...unionStatusByLabel.keys()].join('、')}之一` });
  }
  const partyStatus = r.partyStatus === '' ? 'none' : partyStatusByLabel.get(r.partyStatus);
  if (!partyStatus) {
    problems.push({ column: 'partyStatus', message: `应为${[...partyStatusByLabel.keys()].join('、')}之一` });
  }
  const unionSince = statusDate(r.unionSince, 'unionSince', registeredOn, today, problems);
  const partySince = statusDate(r.partySince, 'partySince', registeredOn, today, problems);
  const instructorName = optionalText(r.instructorName);
  if (instructorName && instructorName.length > 40) {
    problems.push({ column: 'instructorName', message: '党建指导员姓名最多 40 个字' });
  }
  const instructorSince = statusDate(r.instructorSince, 'instructorSince', registeredOn, today, problems);

  if (problems.length > 0 || !code.ok || typeof locality !== 'number' || !registeredOn) return { problems };
  return {
    employer: {
      creditCode: code.code,
      name,
      unitCategory: r.unitCategory,
      industryCode: industry,
      employees,
      aboveScale: r.aboveScale === YES,
      orgUnitId: locality,
      address,
      contactName,
      contactPhone,
      registeredOn,
      unionStatus: unionStatus!,
      unionSince,
      partyStatus: partyStatus!,
      partySince,
      instructorName,
      instructorSince,
      instructorDated: line.columns.has('instructorSince'),
      blank: keptWhenBlank.filter((f) => r[f].trim() === ''),
    },
  };
}

/** The stored employer a row meets, with what the import needs to judge a change. */
export interface StoredEmployer {
  id: number;
  inScope: boolean;
  closedOn: string | null;
  name: string;
  unitCategory: string;
  industryCode: string;
  employees: number;
  aboveScale: boolean;
  orgUnitId: number;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  registeredOn: string;
  unionStatus: UnionStatus;
  partyStatus: PartyStatus;
  instructorName: string | null;
  grassrootsUnionId: number | null;
  /** Dates of the latest change of each aspect, and of the earliest change of any. */
  latest: { union?: string; party?: string; instructor?: string };
  firstChange: string | null;
}

export const plainFields = [
  'name',
  'unitCategory',
  'industryCode',
  'employees',
  'aboveScale',
  'orgUnitId',
  'address',
  'contactName',
  'contactPhone',
  'registeredOn',
] as const;
export type PlainField = (typeof plainFields)[number];

export type RowPlan =
  | { kind: 'create'; employer: ImportedEmployer }
  | {
      kind: 'update';
      employer: ImportedEmployer;
      stored: StoredEmployer;
      fields: PlainField[];
      union: boolean;
      party: boolean;
      instructor: boolean;
    }
  | { kind: 'unchanged' };

/** An instructor change needs a date from the file (older files: today) not before the latest change. */
function instructorProblems(
  e: ImportedEmployer,
  stored: StoredEmployer,
  today: string,
  problems: RowProblem[],
) {
  const latest = stored.latest.instructor;
  if (!e.instructorDated) {
    if (latest && latest > today) {
      problems.push({ column: 'instructorName', message: '党建指导员有晚于今天的记录，请在单位详情中修改' });
    }
    return;
  }
  const was = stored.instructorName ? `“${stored.instructorName}”` : '空';
  if (!e.instructorSince) {
    problems.push({
      column: 'instructorSince',
      message: `党建指导员与系统中（${was}）不同，请填写党建指导员指派日期`,
    });
  } else if (latest && e.instructorSince < latest) {
    problems.push({
      column: 'instructorSince',
      message: `党建指导员指派日期不能早于最近一次变更日期 ${latest}`,
    });
  }
}

/** The row with its empty optional cells filled from the stored employer, so they change nothing. */
function keepStoredWhereBlank(e: ImportedEmployer, stored: StoredEmployer): ImportedEmployer {
  if (e.blank.length === 0) return e;
  return { ...e, ...Object.fromEntries(e.blank.map((f) => [f, stored[f]])) };
}

/** Decides what a checked row does to the stored employer with its code, or why it may not. */
export function planRow(
  imported: ImportedEmployer,
  stored: StoredEmployer | undefined,
  today: string,
): RowPlan | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const e = stored ? keepStoredWhereBlank(imported, stored) : imported;
  if (!stored) {
    if (e.unionStatus !== 'none' && !e.unionSince) {
      problems.push({ column: 'unionSince', message: '填写了工会状态，请同时填写工会状态日期' });
    }
    if (e.partyStatus !== 'none' && !e.partySince) {
      problems.push({ column: 'partySince', message: '填写了党组织状态，请同时填写党组织状态日期' });
    }
    if (e.instructorName && e.instructorDated && !e.instructorSince) {
      problems.push({
        column: 'instructorSince',
        message: '填写了党建指导员，请同时填写党建指导员指派日期',
      });
    }
    return problems.length > 0 ? { problems } : { kind: 'create', employer: e };
  }
  if (!stored.inScope) {
    return {
      problems: [{ column: 'creditCode', message: '该代码已由您管辖范围以外的单位登记，不能在此导入' }],
    };
  }
  const fields = plainFields.filter((f) => e[f] !== stored[f]);
  const union = e.unionStatus !== stored.unionStatus;
  const party = e.partyStatus !== stored.partyStatus;
  const instructor = e.instructorName !== stored.instructorName;
  if (fields.length === 0 && !union && !party && !instructor) return { kind: 'unchanged' };
  if (stored.closedOn) {
    return {
      problems: [{ column: 'creditCode', message: `该单位已于 ${stored.closedOn} 注销，不能通过导入修改` }],
    };
  }
  if (fields.includes('registeredOn') && stored.firstChange && stored.firstChange < e.registeredOn) {
    problems.push({
      column: 'registeredOn',
      message: `登记日期不能晚于该单位最早的状态记录 ${stored.firstChange}`,
    });
  }
  const since = (
    changed: boolean,
    date: string | null,
    latest: string | undefined,
    column: 'unionSince' | 'partySince',
    what: string,
  ) => {
    if (!changed) return;
    if (!date) problems.push({ column, message: `${what}有变化，请填写${what}日期` });
    else if (latest && date < latest) {
      problems.push({ column, message: `${what}日期不能早于最近一次变更日期 ${latest}` });
    }
  };
  since(union, e.unionSince, stored.latest.union, 'unionSince', '工会状态');
  since(party, e.partySince, stored.latest.party, 'partySince', '党组织状态');
  if (instructor) instructorProblems(e, stored, today, problems);
  if (problems.length > 0) return { problems };
  return { kind: 'update', employer: e, stored, fields, union, party, instructor };
}
