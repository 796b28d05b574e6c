import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadCityScale } from '../demo/city-scale.ts';
import { importEmployersFile } from './employers-io.ts';
import { progressReporter } from './progress.ts';

export interface ImportOptions {
  union?: string;
  org?: string;
  mode: 'all' | 'valid';
  /** Member roster: rows whose known ID carries another name apply too. */
  acceptNameChanges?: boolean;
}

/** `gonghui import employers`: prints the outcome; a file with bad rows ends with a non-zero exit code. */
export async function importEmployersCommand(db: Kysely<Database>, file: string, opts: ImportOptions) {
  const { result, report } = await importEmployersFile(db, file, {
    org: opts.org,
    mode: opts.mode === 'valid' ? 'valid_only' : 'all_or_nothing',
  });
  const counts = `新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`;
  if (result.message) throw new Error(`${result.message}。错误报告：${report}`);
  if (result.invalid > 0 && !result.applied) {
    throw new Error(
      `共 ${result.rows} 行，其中 ${result.invalid} 行不符合要求，未导入任何数据。错误报告：${report}`,
    );
  }
  console.log(`导入完成（共 ${result.rows} 行）：${counts}`);
  if (result.invalid > 0) {
    console.error(`有 ${result.invalid} 行不符合要求，未导入。错误报告：${report}`);
    process.exitCode = 1;
  }
}

/** `gonghui demo --scale city`: adds the city-sized employer register for benchmarks. */
export async function cityScaleCommand(db: Kysely<Database>) {
  const started = Date.now();
  const bar = progressReporter('城市规模单位');
  const added = await loadCityScale(db, (done, total) => bar.update('写入单位', done, total));
  bar.stop();
  console.log(
    `已加入 ${added.toLocaleString('zh-CN')} 家演示单位（用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒）`,
  );
}
