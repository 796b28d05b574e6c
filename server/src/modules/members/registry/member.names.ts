import { pinyin } from 'pinyin-pro';
import { nameInitials } from '../../../platform/orgs/initials.ts';

/** The search keys of a name: full pinyin (zhangwei) and initials (zw), lower-case letters only. */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return { pinyin: full, initials: nameInitials(name) };
}
