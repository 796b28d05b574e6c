import { makeCreditCode, type Employer, type Member, type OrgUnit, type Role } from '@gonghui/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { employerService } from '../src/modules/employers/registry/employer.service.ts';
import { memberService } from '../src/modules/members/registry/member.service.ts';
import { attachmentService } from '../src/platform/attachments/attachment.service.ts';
import { auditScopeOfUnit } from '../src/platform/audit/audit.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { nameInitials } from '../src/platform/orgs/initials.ts';
import { orgRepository } from '../src/platform/orgs/org.repository.ts';
import { orgService } from '../src/platform/orgs/org.service.ts';
import { userService } from '../src/platform/users/user.service.ts';
import { nextResidentId } from './members-fixtures.ts';

/**
 * Test factories: the few rows a test needs, on the `empty` dataset, made through the same services the
 * routes call (so every row is valid, audited and counted in the tallies), with names, codes and IDs that
 * never repeat within a test process. Each takes overrides for what the test is about.
 */

type Db = Kysely<Database>;
let serial = 0;
const next = () => ++serial;
/** A serial in Chinese digits, for names, which may not hold Arabic ones (e.g. 测试会员一二). */
const chineseSerial = (n: number) => String(n).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);
const FOUNDED = '2001-01-01';

/** A unit as the factories hand it on: enough to place children, employers, members and users in it. */
export interface BuiltUnit {
  id: number;
  name: string;
  path: string;
  depth: number;
}

export interface OrgUnitOverrides {
  /** The unit above; none makes a root federation (the city). */
  parent?: BuiltUnit | null;
  name?: string;
  level?: OrgUnit['level'];
  kind?: OrgUnit['kind'];
  jointType?: OrgUnit['jointType'];
  divisionCode?: string | null;
  validFrom?: string;
}

const childLevel: Record<OrgUnit['level'], OrgUnit['level']> = {
  city: 'county',
  county: 'town',
  town: 'village',
  village: 'enterprise',
  enterprise: 'enterprise',
};

/**
 * An org unit: a root city federation when no parent is given (as the first `gonghui user add` makes
 * one), otherwise a child created through the org service, one level below its parent by default; a
 * village is a regional joint union, an enterprise-level unit a grassroots union.
 */
export async function buildOrgUnit(db: Db, o: OrgUnitOverrides = {}): Promise<BuiltUnit> {
  const n = next();
  if (!o.parent) {
    const name = o.name ?? `测试市总工会${n}`;
    const id = await orgRepository.insertUnit(db, {
      kind: 'federation',
      level: o.level ?? 'city',
      jointType: null,
      divisionCode: o.divisionCode === undefined ? null : o.divisionCode,
      name,
      nameInitials: nameInitials(name),
      parent: null,
      validFrom: o.validFrom ?? FOUNDED,
    });
    const root = await orgService.get(db, systemActor(id, 'test'), id);
    return { id, name, path: root.path, depth: root.depth };
  }
  const parentLevel = (await orgService.get(db, systemActor(o.parent.id, 'test'), o.parent.id)).level;
  const level = o.level ?? childLevel[parentLevel];
  const kind =
    o.kind ??
    (level === 'village' ? 'joint_union' : level === 'enterprise' ? 'grassroots_union' : 'federation');
  const name =
    o.name ??
    `测试${{ city: '市', county: '区', town: '镇', village: '村', enterprise: '企业' }[level]}${n}工会`;
  const created = await orgService.create(db, systemActor(o.parent.id, 'test'), {
    parentId: o.parent.id,
    name,
    kind,
    level,
    jointType: o.jointType ?? (kind === 'joint_union' ? 'regional' : null),
    divisionCode: o.divisionCode ?? null,
    validFrom: o.validFrom ?? FOUNDED,
  });
  return { id: created.id, name: created.name, path: created.path, depth: created.depth };
}

/**
 * A small town in a fresh database: city → county → town → two villages (joint unions), the shape most
 * member and employer tests need.
 */
export async function buildTown(db: Db) {
  const city = await buildOrgUnit(db);
  const county = await buildOrgUnit(db, { parent: city });
  const town = await buildOrgUnit(db, { parent: county });
  const villages = [await buildOrgUnit(db, { parent: town }), await buildOrgUnit(db, { parent: town })];
  return { city, county, town, villages };
}

export const TEST_PASSWORD = 'factory-password-2026';

/** An account at a unit, made by the user service as an administrator would; log in with `TEST_PASSWORD`. */
export async function buildUser(
  db: Db,
  o: { unit: BuiltUnit; role?: Role; username?: string; displayName?: string },
): Promise<{ id: number; username: string; password: string }> {
  const username = o.username ?? `user${next()}`;
  const user = await userService.create(db, null, {
    username,
    displayName: o.displayName ?? `测试用户${username}`,
    role: o.role ?? 'admin',
    orgUnitId: o.unit.id,
    password: TEST_PASSWORD,
  });
  return { id: user.id, username, password: TEST_PASSWORD };
}

/** An employer at a locality (town, street or village), through the employer service. */
export async function buildEmployer(
  db: Db,
  o: Partial<Parameters<typeof employerService.create>[2]> & { orgUnitId: number },
): Promise<Employer> {
  const n = next();
  return employerService.create(db, systemActor(o.orgUnitId, 'test'), {
    creditCode: makeCreditCode('9', '1', '320581', 500_000 + n),
    name: `测试企业${n}有限公司`,
    unitCategory: '170',
    industryCode: '13',
    employees: 30,
    aboveScale: false,
    address: null,
    contactName: null,
    contactPhone: null,
    registeredOn: '2010-01-01',
    ...o,
  });
}

/** A member enrolled at a union, through the member service, with a fresh valid resident ID. */
export async function buildMember(
  db: Db,
  o: Partial<Parameters<typeof memberService.enrol>[2]> & { orgUnitId: number },
): Promise<Member> {
  return memberService.enrol(db, systemActor(o.orgUnitId, 'test'), {
    name: `测试会员${chineseSerial(next())}（演示）`,
    residentId: nextResidentId(),
    phone: '13912345678',
    migrantWorker: false,
    newEmploymentForm: false,
    joinedOn: '2011-05-01',
    ...o,
  });
}

/** A small PDF kept with a record of the given unit, as a module stores it through the platform. */
export async function buildAttachment(db: Db, unitId: number, owner: { type: string; id: number }) {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const scopePath = await auditScopeOfUnit(db, unitId);
  return attachmentService.store(
    db,
    systemActor(unitId, 'factory'),
    { ...owner, scopePath },
    '合同文本.pdf',
    pdf,
  );
}

/**
 * Two districts of a small city, each with an administrator, for tests of who sees what: the city with
 * `admin`; district A with `districtA` and its towns — town A1 with `townA1` (its own village unused, so
 * town A1 sees nothing of the rest of A) and town A2 with three villages; district B with `districtB` and
 * one town with two villages. Every account's password is `TEST_PASSWORD`.
 */
export async function buildDistricts(db: Db) {
  const city = await buildOrgUnit(db);
  const a = await buildOrgUnit(db, { parent: city });
  const a1 = await buildOrgUnit(db, { parent: a });
  await buildOrgUnit(db, { parent: a1 });
  const a2 = await buildOrgUnit(db, { parent: a });
  const aVillages = [];
  for (let i = 0; i < 3; i++) aVillages.push(await buildOrgUnit(db, { parent: a2 }));
  const b = await buildOrgUnit(db, { parent: city });
  const b1 = await buildOrgUnit(db, { parent: b });
  const bVillages = [await buildOrgUnit(db, { parent: b1 }), await buildOrgUnit(db, { parent: b1 })];
  const users = {
    admin: await buildUser(db, { unit: city }),
    districtA: await buildUser(db, { unit: a }),
    townA1: await buildUser(db, { unit: a1 }),
    districtB: await buildUser(db, { unit: b }),
  };
  return { city, a, a1, a2, aVillages, b, b1, bVillages, users };
}

/** An employer that has founded its own grassroots union (单独建会), through the employer service. */
export async function buildEmployerWithUnion(
  db: Db,
  o: Partial<Parameters<typeof employerService.create>[2]> & { orgUnitId: number },
) {
  const e = await buildEmployer(db, { employees: 60, ...o });
  return employerService.setUnion(db, systemActor(o.orgUnitId, 'test'), e.id, {
    status: 'own',
    date: e.registeredOn,
  });
}
