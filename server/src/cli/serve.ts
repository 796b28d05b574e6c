import { buildApp, loggerOptions } from '../app.ts';
import { isEmpty, loadDemo, queueDemoJobs } from '../demo/load-demo.ts';
import { jobQueue } from '../platform/jobs/job.queue.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts.ts';
import { describeDatabase, openForCommand } from './context.ts';
import { progressReporter } from './progress.ts';
import { jobHandlers } from '../jobs.ts';
import { JobRunner } from '../platform/jobs/job.runner.ts';

/** `gonghui serve`: production never loads demo data; `--demo` (npm start) loads it into an empty database. */
export async function serve(opts: { port: number; demo: boolean }) {
  const started = Date.now();
  const handle = await openForCommand('serve', opts.port);
  const { config, db } = handle;
  console.log(`数据库：${describeDatabase(config)}`);
  let demoJobs: number[] = [];
  if (await isEmpty(db)) {
    if (opts.demo) {
      const bar = progressReporter('首次启动，载入演示城市');
      await loadDemo(db, bar.update);
      bar.stop();
      demoJobs = await queueDemoJobs(db);
    } else {
      console.log(
        '数据库为空。请先停止服务，再用下面的命令创建第一个管理员（同时建立根组织）：\n' +
          '  npx gonghui user add --username <用户名> --org "<市总工会全称>" --division-code <行政区划代码> --role admin',
      );
    }
  }
  const app = await buildApp({
    db,
    databaseKind: handle.kind,
    logger: loggerOptions(config.logLevel),
    https: config.https,
    trustProxy: config.trustProxy,
    basePath: config.basePath,
    webDist: config.webDist,
  });
  // Imports and other background work run here; with several servers each one takes jobs from the same table.
  const runner = new JobRunner(db, jobHandlers);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await runner.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: opts.port, host: config.host });
  // The data folder's lock file lets one server at a time use the embedded database: a job it finds
  // running was left so by a server that stopped without finishing it.
  if (handle.kind === 'embedded') await jobQueue.requeueStale(db, 0);
  runner.start();
  const demo =
    opts.demo &&
    (await db.selectFrom('setting').select('value').where('key', '=', 'demo').executeTakeFirst());
  console.log(
    `\nGonghui 已启动：http://localhost:${opts.port}${config.basePath}/（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  if (demo) {
    console.log(
      `演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => `${a.username}（${a.displayName}）`).join('，')}`,
    );
  }
  if (demoJobs.length > 0) {
    console.log('其余会员名册正在后台载入，已可登录使用；载入期间会员人数与入会率逐步上升。');
    void reportDemoJobs(handle.db, demoJobs);
  }
}

/** Prints how far the demo's background jobs have come, at every tenth, until they end. */
async function reportDemoJobs(db: Parameters<typeof jobQueue.get>[0], ids: number[]) {
  let shown = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const jobs = await Promise.all(ids.map((id) => jobQueue.get(db, id))).catch(() => null);
    if (!jobs) return; // the server is shutting down
    const failed = jobs.find((j) => j?.status === 'failed');
    if (failed) return console.log(`演示数据后台载入失败：${failed.error ?? ''}`);
    if (jobs.every((j) => j?.status === 'done')) return console.log('演示城市的会员名册已全部载入。');
    const done = jobs.reduce((n, j) => n + (j?.total ? j.progress / j.total : 0), 0) / jobs.length;
    const tenth = Math.floor(done * 10);
    if (tenth > shown) {
      shown = tenth;
      console.log(`会员名册后台载入：${tenth * 10}%`);
    }
  }
}
