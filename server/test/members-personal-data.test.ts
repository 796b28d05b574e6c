import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import isIdentityCard from 'validator/lib/isIdentityCard.js';
import {
  composeResidentId,
  maskPhone,
  maskResidentId,
  parseResidentId,
  phoneProblem,
  residentIdCheckCharacter,
} from '@gonghui/contracts';
import { checkResidentId } from '../src/platform/personal-data/resident-id.ts';
import { PersonalDataCipher } from '../src/platform/personal-data/personal-data.ts';
import {
  defaultKeyFile,
  keyCreatedWarning,
  loadSecretKey,
} from '../src/platform/personal-data/secret-key.ts';

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the standard example and derives birth date and gender', () => {
    const r = parseResidentId('11010519491231002x', { today: '2024-01-01' });
    expect(r).toEqual({
      ok: true,
      id: { value: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
    });
    expect(isIdentityCard('11010519491231002X', 'zh-CN')).toBe(true);
  });

  it('computes the check character of ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
  });

  it('refuses a first-generation 15-digit ID and asks for the 18-digit one', () => {
    const r = parseResidentId('320503800101123');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/15 位.*18 位/);
  });

  it('refuses a wrong check character, an unreal or future birth date and an unknown region', () => {
    const cases: Array<[string, RegExp]> = [
      ['110105194912310021', /校验位/],
      [composeResidentId('320505', '1990-02-30', 11), /不是真实日期/],
      [composeResidentId('320505', '2999-01-01', 11), /晚于今天/],
      [composeResidentId('329999', '1990-01-01', 11), /地址码 329999/],
      [composeResidentId('990505', '1990-01-01', 11), /省级/],
      ['3205051990', /18 位，现为 10 位/],
      ['32050519900101A011', /前 17 位/],
    ];
    for (const [id, message] of cases) {
      const r = checkResidentId(id, '2024-06-01');
      expect(r.ok, id).toBe(false);
      if (!r.ok) expect(r.message, id).toMatch(message);
    }
  });

  it('accepts current, city-level and historical Suzhou address codes', () => {
    for (const code of ['320505', '320500', '320000', '320503', '320502', '320504', '320584', '320586']) {
      const id = composeResidentId(code, '1975-06-15', 123);
      expect(checkResidentId(id).ok, code).toBe(true);
      expect(isIdentityCard(id, 'zh-CN'), code).toBe(true);
    }
  });

  it('takes the gender from the 17th digit', () => {
    const male = parseResidentId(composeResidentId('320505', '1980-01-01', 11));
    const female = parseResidentId(composeResidentId('320505', '1980-01-01', 12));
    expect(male.ok && male.id.gender).toBe('male');
    expect(female.ok && female.id.gender).toBe('female');
  });

  it('masks IDs and phones, and checks phones', () => {
    expect(maskResidentId('320503198001011234')).toBe('3205**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(phoneProblem('138 1234 5678')).toBeNull();
    expect(phoneProblem('+8613812345678')).toBeNull();
    expect(phoneProblem('051265123456')).toBeNull();
    expect(phoneProblem('12345')).toMatch(/11 位手机号码/);
  });
});

describe('personal data cipher', () => {
  const cipher = new PersonalDataCipher(crypto.randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    const a = cipher.encrypt('320503198001011234');
    const b = cipher.encrypt('320503198001011234');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('320503198001011234');
    expect(cipher.decrypt(a)).toBe('320503198001011234');
  });

  it('never hands out an IV twice, across refills of its random pool', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const sealed = cipher.encrypt(String(i));
      ivs.add(sealed.subarray(1, 13).toString('hex'));
      expect(cipher.decrypt(sealed)).toBe(String(i));
    }
    expect(ivs.size).toBe(10_000);
    const big = crypto.randomBytes(5 * 1024 * 1024);
    expect(cipher.open(cipher.seal(big)).equals(big)).toBe(true);
  });

  it('refuses an altered value or another key', () => {
    const sealed = cipher.encrypt('13812345678');
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => cipher.decrypt(altered)).toThrow();
    expect(() => new PersonalDataCipher(crypto.randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('hashes for exact lookup, keyed and separated by kind', () => {
    const h = cipher.lookupHash('resident_id', '320503198001011234');
    expect(h.equals(cipher.lookupHash('resident_id', '320503198001011234'))).toBe(true);
    expect(h.equals(cipher.lookupHash('phone', '320503198001011234'))).toBe(false);
    const plain = crypto.createHash('sha256').update('resident_id:320503198001011234').digest();
    expect(h.equals(plain)).toBe(false);
    expect(
      h.equals(
        new PersonalDataCipher(crypto.randomBytes(32)).lookupHash('resident_id', '320503198001011234'),
      ),
    ).toBe(false);
  });
});

describe('secret key', () => {
  it('comes from GONGHUI_SECRET_KEY when set, and refuses a wrong length', () => {
    const key = crypto.randomBytes(32);
    const r = loadSecretKey({ GONGHUI_SECRET_KEY: key.toString('base64') }, '/nonexistent/data');
    expect(r.key.equals(key)).toBe(true);
    expect(() => loadSecretKey({ GONGHUI_SECRET_KEY: 'c2hvcnQ=' }, '/x')).toThrow(/32 字节/);
  });

  it('is created once beside the data folder, never inside it, and reused', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-key-'));
    const dataDir = path.join(root, 'data');
    const first = loadSecretKey({}, dataDir);
    expect(first.created).toBe(true);
    expect(first.origin).toBe(path.join(root, 'data.secret.key'));
    expect(first.origin).toBe(defaultKeyFile(dataDir));
    expect(path.relative(dataDir, first.origin).startsWith('..')).toBe(true);
    expect(fs.statSync(first.origin).mode & 0o077).toBe(0);
    const second = loadSecretKey({}, dataDir);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(keyCreatedWarning(first.origin)).toMatch(/丢失.*无法恢复/s);
    fs.rmSync(root, { recursive: true });
  });
});
