import { describe, expect, it } from 'vitest';
import { maskName } from './resident-id.ts';

describe('maskName', () => {
  it('shows the first character, and the last from three characters on', () => {
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('沈秋月')).toBe('沈*月');
    expect(maskName('欧阳秋月')).toBe('欧**月');
    expect(maskName('王')).toBe('王');
  });

  it('keeps a bracketed note after the name, and counts characters outside the basic plane as one', () => {
    expect(maskName('沈秋月（演示）')).toBe('沈*月（演示）');
    expect(maskName('𠀋秋')).toBe('𠀋*');
  });
});
