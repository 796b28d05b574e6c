import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX_PATH = process.env.GONGHUI_NGINX ?? '/usr/sbin/nginx';
/** The configuration the README tells an office to install; the test runs exactly its server block. */
export const SHIPPED_CONFIG = path.resolve(import.meta.dirname, '../deploy/nginx-gonghui.conf');

export interface Nginx {
  /** The loopback port nginx listens on. */
  port: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The shipped server block, listening on a loopback port and passing on to the app's port. */
export function serverBlockFor(shipped: string, listenPort: number, appPort: number): string {
  const listen = /^\s*listen 80;$/m;
  const upstream = 'proxy_pass http://127.0.0.1:3000;';
  if (!listen.test(shipped) || !shipped.includes(upstream)) {
    throw new Error(`${SHIPPED_CONFIG} no longer has "listen 80;" and "${upstream}"`);
  }
  return shipped
    .replace(listen, `    listen 127.0.0.1:${listenPort};`)
    .replace(upstream, `proxy_pass http://127.0.0.1:${appPort};`);
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}):\n${fs.readFileSync(log, 'utf8')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on ${port}`);
}

/**
 * Starts the machine's nginx (the Debian package) in the foreground on a loopback port, with the shipped
 * server block in a throw-away folder, in front of the app listening on `appPort`.
 */
export async function startNginx(appPort: number): Promise<Nginx> {
  if (!fs.existsSync(NGINX_PATH)) {
    throw new Error(`nginx not found at ${NGINX_PATH}; install the Debian package "nginx"`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-nginx-'));
  const port = await freePort();
  const log = path.join(dir, 'error.log');
  const temp = (name: string) => path.join(dir, name);
  const config = [
    'daemon off;',
    'worker_processes 1;',
    // As root, nginx would hand its work to "nobody", who cannot write in this folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    `pid ${temp('nginx.pid')};`,
    `error_log ${log} warn;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${temp('access.log')};`,
    `  client_body_temp_path ${temp('client_body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    serverBlockFor(fs.readFileSync(SHIPPED_CONFIG, 'utf8'), port, appPort),
    '}',
  ].join('\n');
  fs.writeFileSync(temp('nginx.conf'), config);
  const child = spawn(NGINX_PATH, ['-p', dir, '-e', log, '-c', temp('nginx.conf')], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  return {
    port,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
