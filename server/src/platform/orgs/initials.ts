import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a name: 董浜镇 → dbz. Non-Han characters keep their letters and digits. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
