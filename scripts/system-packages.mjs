// The system programs the test suite drives, and the Debian packages that bring them. `npm test` and
// `.ci/run` install what is missing when they run as root on Debian; elsewhere `npm test` stops at once
// with the command to run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Program → Debian package, for the browser tests. */
export const BROWSER_SUITE_NEEDS = [
  { program: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', apt: 'chromium' },
];

const isDebian = () => fs.existsSync('/etc/debian_version') && fs.existsSync('/usr/bin/apt-get');
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs (as root on Debian) or asks for the packages whose programs are missing; exits when it cannot. */
export function ensureSystemPackages(needs) {
  const missing = needs.filter((n) => !fs.existsSync(n.program));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((n) => n.apt))];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!isDebian() || !isRoot()) {
    console.error(`测试需要的系统程序不存在：${missing.map((n) => n.program).join('、')}`);
    console.error(`请先安装：sudo sh -c '${command}'（或用 CHROMIUM_PATH、GONGHUI_NGINX 指向已有的程序）`);
    process.exit(1);
  }
  console.log(`正在安装测试需要的系统软件包：${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      console.error(`安装失败（apt-get ${args.join(' ')}），请手动执行：${command}`);
      process.exit(1);
    }
  }
}
