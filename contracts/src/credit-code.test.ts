import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheck, makeCreditCode, orgCodeCheck } from './credit-code.ts';

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes of real units', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkCreditCode(' 91110000600037341l ')).toEqual({ ok: true, code: '91110000600037341L' });
  });
  it('computes the organisation-code check digit of GB 11714 with X for 10 and 0 for 11', () => {
    expect(orgCodeCheck('60003734')).toBe('1');
    expect(orgCodeCheck('M000100Y')).toBe('4');
  });
  it('names the wrong check character', () => {
    const r = checkCreditCode('91350100M000100Y44');
    expect(r).toEqual({ ok: false, message: '统一社会信用代码第 18 位校验码应为「3」，现为「4」' });
  });
  it('names a wrong organisation-code check digit before the final check', () => {
    const r = checkCreditCode('91350100M000100Y53');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('第 17 位）应为「4」，现为「5」');
  });
  it('names length, forbidden letters and a non-numeric division', () => {
    expect(checkCreditCode('9135')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，现为 4 位' });
    const o = checkCreditCode('91350100MO00100Y43');
    expect(!o.ok && o.message).toContain('第 10 位「O」不是有效字符');
    const d = checkCreditCode('913501A0M000100Y43');
    expect(!d.ok && d.message).toContain('第 3–8 位');
    expect(checkCreditCode('')).toEqual({ ok: false, message: '请输入统一社会信用代码' });
  });
  it('makes valid synthetic codes, distinct per serial', () => {
    const codes = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const c = makeCreditCode('9', '1', '320581', n * 7919);
      expect(checkCreditCode(c).ok).toBe(true);
      codes.add(c);
    }
    expect(codes.size).toBe(2000);
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
  });
});
