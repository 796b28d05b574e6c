import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { audit } from '../platform/audit/audit.ts';
import { nameInitials } from '../platform/orgs/initials.ts';
import { orgRepository } from '../platform/orgs/org.repository.ts';
import { orgService } from '../platform/orgs/org.service.ts';
import { settingRepository } from '../platform/settings.repository.ts';
import { jobQueue } from '../platform/jobs/job.queue.ts';
import { userRepository } from '../platform/users/user.repository.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { modules } from '../modules/index.ts';
import {
  GUSU_STREET_DISTRICT,
  HISTORICAL_DISTRICTS,
  loadSuzhouDivisions,
  MERGER_DATE,
  unionName,
} from './suzhou-divisions.ts';

const FOUNDED = '2001-01-01';
const GUSU = '320508';
const WUJIANG_DISTRICT = '320509';
const WUJIANG_CITY = '320584';

export type DemoProgress = (step: string, done: number, total: number) => void;

/** Whether the database holds any org unit: the demo and restore only go into an empty one. */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Loads the demo city: the real Suzhou union tree as it stood in 2011 (平江区, 沧浪区, 金阊区, 吴江市),
 * the 2012 changes made through the same merge the users have, and the demo accounts.
 */
export async function loadDemo(db: Kysely<Database>, progress: DemoProgress = () => {}) {
  if (!(await isEmpty(db))) throw new Error('数据库中已有数据，演示数据只能载入空数据库');
  const { areas, streets, villages } = loadSuzhouDivisions();
  const steps = 5;
  progress('组织树', 0, steps);

  const placed = await db.transaction().execute(async (trx) => {
    const city = await orgRepository.insertUnits(trx, [
      {
        kind: 'federation',
        level: 'city',
        jointType: null,
        divisionCode: '320500',
        name: '苏州市总工会',
        nameInitials: nameInitials('苏州市'),
        parent: null,
        validFrom: FOUNDED,
      },
    ]);
    const cityUnit = city.get('320500')!;
    const counties = [
      ...areas.filter((a) => a.code !== GUSU && a.code !== WUJIANG_DISTRICT),
      ...HISTORICAL_DISTRICTS,
    ].map((a) => ({
      kind: 'federation' as const,
      level: 'county' as const,
      jointType: null,
      divisionCode: a.code,
      name: unionName(a.name, 'county'),
      nameInitials: nameInitials(a.name),
      parent: cityUnit,
      validFrom: FOUNDED,
    }));
    const countyUnits = await orgRepository.insertUnits(trx, counties);
    progress('镇（街道）工会', 1, steps);

    const countyOf = (s: { areaCode: string; name: string }) =>
      s.areaCode === GUSU
        ? GUSU_STREET_DISTRICT[s.name]
        : s.areaCode === WUJIANG_DISTRICT
          ? WUJIANG_CITY
          : s.areaCode;
    const townUnits = await orgRepository.insertUnits(
      trx,
      streets.map((s) => {
        const parent = countyUnits.get(countyOf(s) ?? '');
        if (!parent) throw new Error(`no 2011 district for ${s.name} (${s.code})`);
        return {
          kind: 'federation' as const,
          level: 'town' as const,
          jointType: null,
          divisionCode: s.code,
          name: unionName(s.name, 'town'),
          nameInitials: nameInitials(s.name),
          parent,
          validFrom: FOUNDED,
        };
      }),
    );
    progress('村（社区）联合工会', 2, steps);

    await orgRepository.insertUnits(
      trx,
      villages.map((v) => {
        const name = unionName(v.name, 'village');
        return {
          kind: 'joint_union' as const,
          level: 'village' as const,
          jointType: 'regional' as const,
          divisionCode: v.code,
          name,
          nameInitials: nameInitials(name.replace(/联合工会$/, '')),
          parent: townUnits.get(v.streetCode)!,
          validFrom: FOUNDED,
        };
      }),
    );
    return { city: cityUnit, counties: countyUnits };
  });

  progress('2012 年区划调整', 3, steps);
  const system = systemActor(placed.city.id, 'demo');
  const idOf = (code: string) => placed.counties.get(code)!.id;
  await orgService.merge(db, system, {
    sourceIds: ['320503', '320502', '320504'].map(idOf),
    target: { parentId: placed.city.id, name: '姑苏区总工会', divisionCode: GUSU },
    date: MERGER_DATE,
  });
  await orgService.merge(db, system, {
    sourceIds: [idOf(WUJIANG_CITY)],
    target: { parentId: placed.city.id, name: '吴江区总工会', divisionCode: WUJIANG_DISTRICT },
    date: MERGER_DATE,
  });

  for (const m of modules) await m.demo?.(db);
  progress('演示账号', 4, steps);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const unit = await trx
        .selectFrom('org_unit')
        .select('id')
        .where('division_code', '=', account.divisionCode)
        .executeTakeFirstOrThrow();
      const id = await userRepository.insert(trx, {
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        role: 'admin',
        orgUnitId: unit.id,
      });
      await audit(trx, system, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        scopePath: placed.city.path,
        after: { username: account.username },
      });
    }
    await settingRepository.set(trx, 'demo', true);
  });
  // The embedded database has no autovacuum: without statistics the planner takes every table the modules'
  // demos filled for a few rows.
  await sql`analyze`.execute(db);
  progress('完成', steps, steps);
}

/**
 * Queues the modules' demo jobs (`demoJobs`): the large rest of the demo city, which the started server
 * loads in the background. Returns the queued jobs' ids.
 */
export async function queueDemoJobs(db: Kysely<Database>): Promise<number[]> {
  const ids: number[] = [];
  for (const kind of modules.flatMap((m) => m.demoJobs ?? [])) ids.push(await jobQueue.enqueue(db, kind, {}));
  return ids;
}
