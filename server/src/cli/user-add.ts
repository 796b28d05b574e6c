import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { createUserBody, type Role } from '@gonghui/contracts';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { AppError } from '../platform/http/errors.ts';
import { nameInitials } from '../platform/orgs/initials.ts';
import { orgRepository } from '../platform/orgs/org.repository.ts';
import { today } from '../platform/orgs/dates.ts';
import { userService } from '../platform/users/user.service.ts';
import { isEmpty } from '../demo/load-demo.ts';

async function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('请通过环境变量 GONGHUI_PASSWORD 提供密码（当前不是交互终端）');
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  const answer = new Promise<string>((resolve) => rl.question(question, resolve));
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

/** Finds the org unit named by id, division code or exact current name. */
async function findOrg(db: Kysely<Database>, org: string): Promise<number> {
  const byCode = /^\d{6,12}$/.test(org)
    ? await db
        .selectFrom('org_unit')
        .select('id')
        .where('division_code', '=', org)
        .where('closed_on', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (byCode) return byCode.id;
  if (/^\d+$/.test(org)) {
    const byId = await orgRepository.unit(db, Number(org));
    if (byId) return byId.id;
  }
  const byName = await db
    .selectFrom('org_unit_version')
    .select('org_unit_id')
    .where('name', '=', org)
    .where('valid_to', 'is', null)
    .execute();
  if (byName.length === 1) return byName[0].org_unit_id;
  if (byName.length > 1)
    throw new Error(`有 ${byName.length} 个组织名为「${org}」，请改用组织编号或行政区划代码`);
  throw new Error(`找不到组织「${org}」`);
}

export interface UserAddOptions {
  username: string;
  org: string;
  role: Role;
  displayName?: string;
  divisionCode?: string;
}

/** The new account as asked for, checked before any database is opened: a refusal leaves nothing behind. */
export async function checkedNewUser(opts: UserAddOptions) {
  const password =
    process.env.GONGHUI_PASSWORD ?? (await promptPassword('密码（至少 10 位，含字母和数字）：'));
  const parsed = createUserBody.safeParse({
    username: opts.username,
    displayName: opts.displayName ?? opts.username,
    role: opts.role,
    orgUnitId: 1,
    password,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
  return { opts, body: parsed.data };
}

/** Creates the checked account; on an empty database it first founds the root federation it names. */
export async function addUser(
  db: Kysely<Database>,
  { opts, body }: Awaited<ReturnType<typeof checkedNewUser>>,
) {
  let orgUnitId: number;
  if (await isEmpty(db)) {
    orgUnitId = await orgRepository.insertUnit(db, {
      kind: 'federation',
      level: 'city',
      jointType: null,
      divisionCode: opts.divisionCode ?? null,
      name: opts.org,
      nameInitials: nameInitials(opts.org),
      parent: null,
      validFrom: today(),
    });
    console.log(`已建立根组织「${opts.org}」（编号 ${orgUnitId}）`);
  } else {
    orgUnitId = await findOrg(db, opts.org);
  }
  try {
    const user = await userService.create(db, null, { ...body, orgUnitId }, systemActor(orgUnitId, 'cli'));
    console.log(`已创建用户 ${user.username}（${user.orgUnitName}，角色 ${user.role}）`);
  } catch (e) {
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  }
}
