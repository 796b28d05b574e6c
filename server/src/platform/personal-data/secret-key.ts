import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretKeySource {
  key: Buffer;
  /** Where it came from: the environment, or the key file's path. */
  origin: 'environment' | string;
  created: boolean;
}

/**
 * The key file of a data folder sits beside the folder, not in it (`./data` → `./data.secret.key`): copying
 * or archiving the data folder, or a `gonghui backup`, never carries the key that opens the personal data
 * in it, while the name still says which folder it belongs to.
 */
export function defaultKeyFile(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.secret.key`);
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} 应为 32 字节密钥的 base64 编码（44 个字符）`);
  return key;
}

/**
 * Finds the personal-data key: `GONGHUI_SECRET_KEY` (base64, 32 bytes), else the key file
 * (`GONGHUI_SECRET_KEY_FILE`, default beside the data folder), created with a fresh random key when missing.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): SecretKeySource {
  if (env.GONGHUI_SECRET_KEY) {
    return {
      key: decode(env.GONGHUI_SECRET_KEY, 'GONGHUI_SECRET_KEY'),
      origin: 'environment',
      created: false,
    };
  }
  const file = path.resolve(env.GONGHUI_SECRET_KEY_FILE || defaultKeyFile(dataDir));
  if (fs.existsSync(file))
    return { key: decode(fs.readFileSync(file, 'utf8'), file), origin: file, created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    // 'wx' fails when another process created the file a moment ago; then that key is the one to use.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { key: decode(fs.readFileSync(file, 'utf8'), file), origin: file, created: false };
  }
  return { key, origin: file, created: true };
}

/** The warning printed when a key file is made: where it is, and that losing it loses the data. */
export function keyCreatedWarning(file: string): string {
  const line = '!'.repeat(72);
  return [
    line,
    `已生成个人信息加密密钥：${file}`,
    '身份证号码、电话等个人信息用它加密保存。请立即把这个文件另行妥善备份（不要和数据库备份放在一起）。',
    '密钥丢失，已加密的个人信息将永远无法恢复；数据库备份中不含密钥。',
    '也可以用环境变量 GONGHUI_SECRET_KEY（32 字节的 base64）提供密钥。',
    line,
  ].join('\n');
}
