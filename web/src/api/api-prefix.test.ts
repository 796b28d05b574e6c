import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(p);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the API prefix', () => {
  it('is written once, in the client: calls name paths below it, so the app works under any base path', () => {
    const offenders = sources(src)
      .filter((file) => !file.endsWith(path.join('api', 'client.ts')))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/['"`]\/api\//.test(line) ? [`${path.relative(src, file)}:${i + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
