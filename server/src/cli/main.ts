import { Command, InvalidArgumentError, Option } from 'commander';
import { roles, type Role } from '@gonghui/contracts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { backup, restore } from '../db/backup.ts';
import { loadDemo, isEmpty } from '../demo/load-demo.ts';
import { serve } from './serve.ts';
import { addUser } from './user-add.ts';
import { describeDatabase, openForCommand } from './context.ts';
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
    .description('向空数据库载入演示城市（苏州的真实组织树与演示账号）')
    .action(() =>
      withDatabase('demo', async (h) => {
        if (!(await isEmpty(h.db))) throw new Error('数据库中已有数据，演示数据只能载入空数据库');
        const bar = progressReporter('载入演示数据');
        await loadDemo(h.db, bar.update);
        bar.stop();
        console.log('演示数据已载入：账号 admin、changshu、dongbang、taicang、wuzhong，密码 gonghui-demo');
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
    .action(
      (opts: { username: string; org: string; role: Role; displayName?: string; divisionCode?: string }) =>
        withDatabase('user add', (h) => addUser(h.db, opts)),
    );

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
