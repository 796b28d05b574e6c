import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { roles } from '@gonghui/contracts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { backup, restore } from '../db/backup.ts';
import { loadDemo, isEmpty } from '../demo/load-demo.ts';
import { serve } from './serve.ts';
import { addUser, checkedNewUser, type UserAddOptions } from './user-add.ts';
import { exportMembersFile, importMembersFile, writeHeldReport, writeImportReport } from './members-io.ts';
import { describeDatabase, openForCommand } from './context.ts';
import { cityScaleCommand, importEmployersCommand, type ImportOptions } from './employers-commands.ts';
import { exportEmployersFile } from './employers-io.ts';
import { progressReporter } from './progress.ts';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('端口应为 1–65535 的整数');
  return n;
};

/** Runs one open-database command and always closes it. */
async function withDatabase<T>(
  purpose: string,
  work: (h: Awaited<ReturnType<typeof openForCommand>>) => Promise<T>,
) {
  const handle = await openForCommand(purpose);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('gonghui')
    .description(
      'Gonghui 工会工作平台。数据库：设置 DATABASE_URL 使用 PostgreSQL，否则使用 GONGHUI_DATA_DIR（默认 ./data）中的内置数据库。',
    )
    .showHelpAfterError();

  program
    .command('serve')
    .description('启动服务（生产模式：从不载入演示数据）')
    .addOption(new Option('-p, --port <port>', '端口').env('PORT').default(3000).argParser(port))
    .option('--demo', '数据库为空时载入演示城市（npm start 即如此启动）')
    .action(async (opts: { port: number; demo?: boolean }) => serve({ port: opts.port, demo: !!opts.demo }));

  program
    .command('migrate')
    .description('把数据库结构升级到最新版本')
    .action(() =>
      withDatabase('migrate', async (h) => {
        console.log(`${describeDatabase(h.config)}：数据库结构已是最新`);
      }),
    );

  program
    .command('demo')
    .description(
      '向空数据库载入演示城市（苏州的真实组织树与演示账号）；--scale city 再加约 30 万家单位，供基准测试',
    )
    .addOption(new Option('--scale <scale>', '规模').choices(['small', 'city']).default('small'))
    .action((opts: { scale: 'small' | 'city' }) =>
      withDatabase('demo', async (h) => {
        const empty = await isEmpty(h.db);
        if (!empty && opts.scale === 'small') throw new Error('数据库中已有数据，演示数据只能载入空数据库');
        if (empty) {
          const bar = progressReporter('载入演示数据');
          await loadDemo(h.db, bar.update);
          bar.stop();
          console.log('演示数据已载入：账号 admin、changshu、dongbang、taicang、wuzhong，密码 gonghui-demo');
        }
        if (opts.scale === 'city') await cityScaleCommand(h.db);
      }),
    );

  const user = program.command('user').description('用户账号');
  user
    .command('add')
    .description('新建用户账号（如第一个管理员）。密码取自环境变量 GONGHUI_PASSWORD，未设置时在终端输入')
    .requiredOption('--username <name>', '用户名（小写字母开头）')
    .requiredOption(
      '--org <org>',
      '所属组织：编号、行政区划代码或全称；数据库为空时以此名称建立根组织（市总工会）',
    )
    .addOption(new Option('--role <role>', '角色').choices([...roles]).default('admin'))
    .option('--display-name <name>', '姓名或称谓')
    .option('--division-code <code>', '建立根组织时的行政区划代码（如 320500）')
    .action(async (opts: UserAddOptions) => {
      const user = await checkedNewUser(opts);
      await withDatabase('user add', (h) => addUser(h.db, user));
    });

  program
    .command('backup')
    .description('把全部数据备份到一个文件（不含加密密钥）')
    .argument('<file>', '备份文件，如 gonghui-2026-11-25.backup.gz')
    .action((file: string) =>
      withDatabase('backup', async (h) => {
        const counts = await backup(h.db, file);
        console.log(
          `已备份到 ${file}：${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
      }),
    );

  program
    .command('import')
    .description('导入数据文件（.xlsx 或 .csv）。会员名册：全部校验通过才写入，有错时生成错误报告')
    .addArgument(new Argument('<kind>', '数据种类').choices(['members', 'employers']))
    .argument('<file>', '文件，如 会员名册.xlsx')
    .option('--union <union>', '会员名册所属工会：组织编号或行政区划代码；仅当有行的“所属工会编号”留空时需要')
    .option('--org <unit>', '单位名录：只导入该组织管辖范围内的单位（编号、行政区划代码或全称；默认全市）')
    .option(
      '--accept-name-changes',
      '会员名册：已登记的身份证号码在名册中姓名不同时，也按名册修改姓名（默认列出这些行，不修改）',
    )
    .addOption(
      new Option('--mode <mode>', '单位名录：all 全部正确才导入，valid 只导入正确的行')
        .choices(['all', 'valid'])
        .default('all'),
    )
    .action((kind: 'members' | 'employers', file: string, opts: ImportOptions) =>
      withDatabase('import', async (h) => {
        if (kind === 'employers') return importEmployersCommand(h.db, file, opts);
        const { importId, summary } = await importMembersFile(h.db, file, opts.union, {
          acceptNameChanges: opts.acceptNameChanges ?? false,
        });
        if (summary.errors > 0) {
          const report = await writeImportReport(h.db, importId, file);
          throw new Error(
            `有 ${summary.errors} 行不符合要求，未导入任何数据。错误报告：${report ?? '（无）'}`,
          );
        }
        console.log(`导入完成：新增 ${summary.created}，更新 ${summary.updated}，未变 ${summary.unchanged}`);
        const held = await writeHeldReport(h.db, importId, file);
        if (summary.heldElsewhere > 0)
          console.log(
            `${summary.heldElsewhere} 行的人员已是其他工会的会员，未导入；如需转入请申请会员关系接转。清单：${held}`,
          );
        if (summary.nameChanges > 0)
          console.log(
            opts.acceptNameChanges
              ? `${summary.nameChanges} 名会员按名册修改了姓名（--accept-name-changes）`
              : `${summary.nameChanges} 行姓名与登记不同（姓名变更），未导入；核对后可加 --accept-name-changes 重新导入。清单：${held}`,
          );
      }),
    );

  program
    .command('export')
    .description('导出数据到 .xlsx。会员名册：身份证号码和电话默认脱敏，导出的文件可修改后再导入')
    .addArgument(new Argument('<kind>', '数据种类').choices(['members', 'employers']))
    .argument('<file>', '导出文件，如 会员名册.xlsx')
    .option('--reveal-reason <reason>', '导出完整身份证号码和电话，并写明原因（记入审计日志）')
    .action((kind: 'members' | 'employers', file: string, opts: { revealReason?: string }) =>
      withDatabase('export', async (h) => {
        if (kind === 'employers') {
          const n = await exportEmployersFile(h.db, file);
          console.log(`已导出 ${n} 家单位到 ${file}`);
          return;
        }
        await exportMembersFile(h.db, file, opts.revealReason ?? null);
        console.log(`已导出到 ${file}`);
      }),
    );

  program
    .command('restore')
    .description('从备份文件恢复到空数据库')
    .argument('<file>', '备份文件')
    .action((file: string) =>
      withDatabase('restore', async (h) => {
        const counts = await restore(h.db, file);
        console.log(
          `已恢复：${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
      }),
    );
  return program;
}

export async function main(argv: string[]) {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    const message = e instanceof DataDirBusyError || e instanceof Error ? e.message : String(e);
    console.error(`错误：${message}`);
    process.exitCode = 1;
  }
}
