/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character set
 * (digits and capital letters without I, O, Z, S, V). Characters 9–17 are the organisation code of
 * GB 11714-1997 with its own check digit; the 18th character checks the first 17.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 §5: weight of position i (0-based) is 3^i mod 31.
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997: weights of the 8 body characters of the organisation code.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeResult = { ok: true; code: string } | { ok: false; message: string };

/** GB 11714 value of a character: digits as themselves, letters A=10 … Z=35. */
function orgValue(c: string): number {
  return /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

/** The GB 11714 check character of an 8-character organisation-code body. */
export function orgCodeCheck(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + orgValue(c) * ORG_WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character of the first 17 characters. */
export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_CODE_CHARSET.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Normalises (trim, upper case) and checks a code, naming what is wrong in Chinese. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = input.trim().toUpperCase();
  if (code.length === 0) return { ok: false, message: '请输入统一社会信用代码' };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，现为 ${code.length} 位` };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i])) {
      return {
        ok: false,
        message: `统一社会信用代码第 ${i + 1} 位「${code[i]}」不是有效字符（只用数字和除 I、O、Z、S、V 以外的大写字母）`,
      };
    }
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { ok: false, message: '统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为 6 位数字' };
  }
  const orgCheck = orgCodeCheck(code.slice(8, 16));
  if (code[16] !== orgCheck) {
    return {
      ok: false,
      message: `统一社会信用代码第 9–17 位是组织机构代码，其校验码（第 17 位）应为「${orgCheck}」，现为「${code[16]}」`,
    };
  }
  const check = creditCodeCheck(code.slice(0, 17));
  if (code[17] !== check) {
    return { ok: false, message: `统一社会信用代码第 18 位校验码应为「${check}」，现为「${code[17]}」` };
  }
  return { ok: true, code };
}

const ORG_BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid code from a registration authority (1 = 机构编制, 9 = 工商), a type character, a 6-digit
 * division and a serial number: for synthetic demo data and tests, never for real units.
 */
export function makeCreditCode(authority: string, type: string, division: string, serial: number): string {
  let n = serial;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = ORG_BODY_CHARS[n % ORG_BODY_CHARS.length] + body;
    n = Math.floor(n / ORG_BODY_CHARS.length);
  }
  const orgCheck = orgCodeCheck(body);
  const first17 = `${authority}${type}${division}${body}${orgCheck}`;
  return first17 + creditCodeCheck(first17);
}
