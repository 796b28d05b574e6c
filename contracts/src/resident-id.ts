/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): a 6-digit address code (GB/T 2260), an
 * 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a check character computed
 * with ISO 7064 MOD 11-2.
 */

/** Weights of the 17 digits, from GB 11643-1999 §8.2. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** GB/T 2260 province-level codes (first two digits of every address code), 71 Taiwan included. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]); // prettier-ignore

export type Gender = 'male' | 'female';

export interface ResidentId {
  /** The 18 characters, the check character upper-case. */
  value: string;
  regionCode: string;
  birthDate: string;
  gender: Gender;
}

export type ResidentIdResult = { ok: true; id: ResidentId } | { ok: false; message: string };

export interface ResidentIdOptions {
  /** Whether a 6-digit address code is a known region; the browser checks only the province. */
  isKnownRegion?: (code: string) => boolean;
  /** The day to compare the birth date with (YYYY-MM-DD); defaults to today. */
  today?: string;
}

/** The check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

const pad = (n: number) => String(n).padStart(2, '0');
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

function realDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Normalises what people type: spaces removed, full-width digits and a lower-case x accepted. */
export function normaliseResidentId(raw: string): string {
  return raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** Checks a resident ID and derives the birth date and gender; the message says what is wrong, in Chinese. */
export function parseResidentId(raw: string, options: ResidentIdOptions = {}): ResidentIdResult {
  const value = normaliseResidentId(raw);
  const fail = (message: string): ResidentIdResult => ({ ok: false, message });
  if (value.length === 0) return fail('请填写身份证号码');
  if (/^\d{15}$/.test(value)) {
    return fail('这是 15 位的第一代身份证号码，已停止使用；请提供 18 位的第二代身份证号码');
  }
  if (value.length !== 18) return fail(`身份证号码应为 18 位，现为 ${value.length} 位`);
  if (!/^\d{17}[\dX]$/.test(value)) return fail('身份证号码前 17 位应为数字，最后一位为数字或 X');
  const regionCode = value.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) {
    return fail(`身份证号码的地址码 ${regionCode} 不是有效的省级行政区划代码`);
  }
  if (options.isKnownRegion && !options.isKnownRegion(regionCode)) {
    return fail(`身份证号码的地址码 ${regionCode} 不是已知的行政区划代码`);
  }
  const birthDate = realDate(value.slice(6, 14));
  if (!birthDate) return fail(`身份证号码中的出生日期 ${value.slice(6, 14)} 不是真实日期`);
  if (birthDate < '1900-01-01') return fail(`身份证号码中的出生日期 ${birthDate} 早于 1900 年`);
  if (birthDate > (options.today ?? localToday())) {
    return fail(`身份证号码中的出生日期 ${birthDate} 晚于今天`);
  }
  const check = residentIdCheckCharacter(value);
  if (value[17] !== check) return fail('身份证号码校验位不正确，请核对是否有输错的数字');
  return {
    ok: true,
    id: { value, regionCode, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/**
 * Builds a valid ID from its parts (for synthetic demo and test data): the sequence's last digit sets
 * the gender.
 */
export function composeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** 3205**********1234: the first four and the last four characters. */
export function maskResidentId(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/**
 * 张*, 欧阳*华: a name with its first and (from three characters on) last character shown, as on a page
 * title or a printed list that others may see. A bracketed note after the name, such as 「（演示）」, stays.
 */
export function maskName(value: string): string {
  const at = value.search(/[（(]/);
  const name = Array.from(at > 0 ? value.slice(0, at) : value);
  const note = at > 0 ? value.slice(at) : '';
  if (name.length <= 1) return value;
  const shown =
    name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`;
  return shown + note;
}

/** Mainland mobile numbers (11 digits starting with 1[3-9]) or fixed lines with an area code. */
export function normalisePhone(raw: string): string {
  return raw.replace(/[\s\-()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

export function phoneProblem(raw: string): string | null {
  const p = normalisePhone(raw);
  if (/^1[3-9]\d{9}$/.test(p)) return null;
  if (/^0\d{2,3}\d{7,8}$/.test(p)) return null;
  return '电话号码应为 11 位手机号码（如 13812345678）或带区号的固定电话（如 051265123456）';
}

/** 138****5678 for a mobile; fixed lines keep the area code and the last four digits. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
