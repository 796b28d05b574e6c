import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@gonghui/contracts';
import { hashPassword, passwordWorkFactor, verifyPassword } from './auth/password.ts';
import { httpStatusOf } from './http/errors.ts';
import { nameInitials } from './orgs/initials.ts';
import { unionName } from '../demo/suzhou-divisions.ts';
import { containing } from '../db/like.ts';

describe('pinyin initials', () => {
  it('takes the first letter of each syllable', () => {
    expect(nameInitials('董浜镇')).toBe('dbz');
    expect(nameInitials('吴江经济技术开发区')).toBe('wjjjjskfq');
    expect(nameInitials('苏州工业园区')).toBe('szgyyq');
  });
  it('keeps latin letters and digits of mixed names', () => {
    expect(nameInitials('永强科技（苏州）有限公司')).toBe('yqkjszyxgs');
    expect(nameInitials('ABC第3工会')).toBe('abcd3gh');
  });
});

describe('union names from division names', () => {
  it('names county, town and village unions', () => {
    expect(unionName('常熟市', 'county')).toBe('常熟市总工会');
    expect(unionName('董浜镇', 'town')).toBe('董浜镇工会');
    expect(unionName('横塘社区居委会', 'village')).toBe('横塘社区联合工会');
    expect(unionName('东盾村委会', 'village')).toBe('东盾村联合工会');
    expect(unionName('南浜村民委员会', 'village')).toBe('南浜村联合工会');
    expect(unionName('虹桥居民委员会', 'village')).toBe('虹桥社区联合工会');
    expect(unionName('某农场生活区', 'village')).toBe('某农场生活区联合工会');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('gonghui-2026');
    const b = await hashPassword('gonghui-2026');
    expect(a).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('gonghui-2026', a)).toBe(true);
    expect(await verifyPassword('gonghui-2027', a)).toBe(false);
    expect(await verifyPassword('gonghui-2026', 'md5$abc')).toBe(false);
  });

  it('hashes with N=2^17 outside the test runner, and checks a hash by the N it names', async () => {
    expect(passwordWorkFactor({})).toBe(131072);
    expect(passwordWorkFactor({ VITEST: 'true' })).toBe(4096);
    const salt = crypto.randomBytes(16);
    const hash = crypto.scryptSync('gonghui-2026', salt, 32, {
      N: 131072,
      r: 8,
      p: 1,
      maxmem: 256 * 1024 * 1024,
    });
    const stored = ['scrypt', 131072, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
    expect(await verifyPassword('gonghui-2026', stored)).toBe(true);
  });
});

describe('error codes', () => {
  it('map to a 4xx for every caller mistake and 5xx only for INTERNAL', () => {
    for (const code of errorCodes) {
      const status = httpStatusOf(code);
      expect(status >= 500).toBe(code === 'INTERNAL');
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('LIKE patterns', () => {
  it('escape wildcards in search words', () => {
    expect(containing('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
