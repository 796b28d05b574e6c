import type { Kysely, Transaction } from 'kysely';
import {
  unionStatusLabels,
  type AuditAction,
  type CloseEmployerBody,
  type CreateEmployerBody,
  type EmployerDetail,
  type EmployerFilter,
  type InstructorActionBody,
  type ListEmployersQuery,
  type Page,
  type PartyActionBody,
  type Employer,
  type UnionActionBody,
  type UpdateEmployerBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { nameInitials } from '../../../platform/orgs/initials.ts';
import { nameSortKey } from './name-sort.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { tallyRepository } from '../../indicators/index.ts';
import { employerRepository as repo, type EmployerWithUnit } from './employer.repository.ts';
import { presentEmployer } from './employer.presenter.ts';
import { moveMembersOfClosedEmployer } from '../../members/index.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
const EMPLOYER = '单位';

async function visible(db: Db | Trx, actor: Actor, id: number): Promise<EmployerWithUnit> {
  const e = await repo.findAt(db, id, await scopeOf(db, actor), today());
  if (!e) throw notFound(EMPLOYER);
  return e;
}

/** How an employer is changed: locked in the caller's scope while open, audited as the API shows it. */
function employerRecord(actor: Actor): ChangeableRecord<EmployerWithUnit, Employer> {
  return {
    entityType: 'employer',
    label: EMPLOYER,
    lock: async (trx, id) => {
      const e = await repo.lockAt(trx, id, await scopeOf(trx, actor), today());
      if (e?.closedOn) throw conflict(`单位「${e.name}」已于 ${e.closedOn} 注销，不能再修改`);
      return e ?? null;
    },
    reload: (trx, id) => visible(trx, actor, id),
    present: presentEmployer,
    scopePath: (e) => e.orgUnitPath,
    // The locality's counts, and the old locality's when the employer moved.
    tallies: (trx, before, after) =>
      tallyRepository.rebuild(trx, [...new Set([before?.orgUnitId ?? after.orgUnitId, after.orgUnitId])]),
  };
}

/** The locality an employer may be placed at: a town or village unit inside the actor's scope. */
export async function localityFor(
  db: Db | Trx,
  actor: Pick<Actor, 'orgUnitId'>,
  orgUnitId: number,
  field = 'orgUnitId',
) {
  const unit = await orgRepository.findAt(db, orgUnitId, today(), await scopeOf(db, actor));
  if (!unit) throw invalid([{ field, message: '所在镇街或村社区不存在或不在您的管辖范围内' }]);
  if (unit.kind === 'grassroots_union' || unit.closedOn) {
    throw invalid([
      { field, message: `「${unit.name}」不能作为单位的所在地，请选择镇（街道）工会或村（社区）联合工会` },
    ]);
  }
  return unit;
}

/**
 * Refuses a credit code another employer holds. The holder is named only when it lies in the caller's
 * scope; otherwise the message names the nearest unit above both, whom the caller can ask.
 */
async function assertCodeFree(db: Db | Trx, actor: Actor, code: string, exceptId: number | null) {
  const other = await repo.byCreditCode(db, code);
  if (!other || other.id === exceptId) return;
  const scope = await scopeOf(db, actor);
  if (await repo.findAt(db, other.id, scope, today())) {
    throw conflict(`统一社会信用代码 ${code} 已登记（「${other.name}」），一个代码只能登记一家单位`, [
      { field: 'creditCode', message: '该统一社会信用代码已登记' },
    ]);
  }
  const contact = await commonAncestorName(db, scope, other.orgUnitId);
  throw conflict(
    `统一社会信用代码 ${code} 已在其他工会的管辖范围内登记，一个代码只能登记一家单位${contact ? `；如需核实，请联系${contact}` : ''}`,
    [{ field: 'creditCode', message: '该统一社会信用代码已在其他工会的管辖范围内登记' }],
  );
}

/** The name of the deepest unit whose subtree holds both the caller's scope and the given unit today. */
async function commonAncestorName(db: Db | Trx, scope: Scope, orgUnitId: number): Promise<string | null> {
  const mine = scope.split('/').filter(Boolean);
  const theirs = ((await orgRepository.currentVersion(db, orgUnitId))?.path ?? '').split('/').filter(Boolean);
  let shared = 0;
  while (shared < mine.length && mine[shared] === theirs[shared]) shared++;
  return shared > 0 ? ((await orgRepository.nameAt(db, Number(mine[shared - 1]), today())) ?? null) : null;
}

function assertOnOrAfter(date: string, registeredOn: string, field = 'date') {
  if (date < registeredOn) throw invalid([{ field, message: `日期不能早于单位登记日期 ${registeredOn}` }]);
}

export const employerService = {
  async list(db: Db, actor: Actor, q: ListEmployersQuery): Promise<Page<Employer>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(db, scope, today(), q, q);
    return { ...page, items: page.items.map(presentEmployer) };
  },

  /** All rows of a filtered list for an export, batch by batch. */
  async *stream(db: Db, actor: Actor, f: EmployerFilter) {
    yield* repo.stream(db, await scopeUnderUnit(db, actor, f.orgUnitId), today(), f);
  },

  async get(db: Db, actor: Actor, id: number): Promise<EmployerDetail> {
    const e = await visible(db, actor, id);
    const history = await repo.history(db, id);
    return {
      ...presentEmployer(e),
      history: history.map((h) => ({ ...h, createdAt: new Date(h.createdAt).toISOString() })),
    };
  },

  async checkCode(db: Db, actor: Actor, code: string) {
    const other = await repo.byCreditCode(db, code);
    if (!other) return null;
    const seen = await repo.findAt(db, other.id, await scopeOf(db, actor), today());
    return { id: other.id, name: seen ? other.name : '（不在您的管辖范围内的单位）' };
  },

  async create(db: Db, actor: Actor, body: CreateEmployerBody): Promise<Employer> {
    if (body.registeredOn > today())
      throw invalid([{ field: 'registeredOn', message: '登记日期不能晚于今天' }]);
    return createRecord(db, actor, employerRecord(actor), 'employer.create', async (trx) => {
      await localityFor(trx, actor, body.orgUnitId);
      await assertCodeFree(trx, actor, body.creditCode, null);
      return repo.insert(trx, {
        credit_code: body.creditCode,
        name: body.name,
        name_initials: nameInitials(body.name),
        name_sort: nameSortKey(body.name),
        unit_category: body.unitCategory,
        industry_code: body.industryCode,
        employees: body.employees,
        above_scale: body.aboveScale,
        org_unit_id: body.orgUnitId,
        address: body.address ?? null,
        contact_name: body.contactName ?? null,
        contact_phone: body.contactPhone ?? null,
        registered_on: body.registeredOn,
      });
    });
  },

  async update(db: Db, actor: Actor, id: number, body: UpdateEmployerBody): Promise<Employer> {
    return changeRecord(db, actor, employerRecord(actor), id, 'employer.update', async (trx) => {
      if (body.orgUnitId !== undefined) await localityFor(trx, actor, body.orgUnitId);
      if (body.creditCode !== undefined) await assertCodeFree(trx, actor, body.creditCode, id);
      if (body.registeredOn !== undefined) {
        if (body.registeredOn > today())
          throw invalid([{ field: 'registeredOn', message: '登记日期不能晚于今天' }]);
        const first = (await repo.history(trx, id))[0];
        if (first && first.validFrom < body.registeredOn) {
          throw invalid([
            { field: 'registeredOn', message: `登记日期不能晚于最早的状态记录 ${first.validFrom}` },
          ]);
        }
      }
      await repo.update(trx, id, {
        credit_code: body.creditCode,
        name: body.name,
        name_initials: body.name ? nameInitials(body.name) : undefined,
        name_sort: body.name ? nameSortKey(body.name) : undefined,
        unit_category: body.unitCategory,
        industry_code: body.industryCode,
        employees: body.employees,
        above_scale: body.aboveScale,
        org_unit_id: body.orgUnitId,
        address: body.address,
        contact_name: body.contactName,
        contact_phone: body.contactPhone,
        registered_on: body.registeredOn,
      });
    });
  },

  /** Records the union status from a date; 'own' founds the employer's grassroots union under its locality. */
  async setUnion(db: Db, actor: Actor, id: number, body: UnionActionBody): Promise<Employer> {
    return datedChange(db, actor, id, body.date, 'employer.union', async (trx, before) => {
      let unionId = before.grassrootsUnionId;
      if (body.status === 'own' && unionId === null) {
        unionId = await foundGrassrootsUnion(trx, actor, before, body.date, body.unionName);
      }
      const current = await recordStatus(trx, actor, id, 'union', body.status, body.date, body.note ?? null);
      await repo.update(trx, id, {
        union_status: current as EmployerWithUnit['unionStatus'],
        grassroots_union_id: unionId,
      });
      return { change: { status: unionStatusLabels[body.status], date: body.date } };
    });
  },

  async setParty(db: Db, actor: Actor, id: number, body: PartyActionBody): Promise<Employer> {
    return datedChange(db, actor, id, body.date, 'employer.party', async (trx) => {
      const current = await recordStatus(trx, actor, id, 'party', body.status, body.date, body.note ?? null);
      await repo.update(trx, id, { party_status: current as EmployerWithUnit['partyStatus'] });
      return {};
    });
  },

  async setInstructor(db: Db, actor: Actor, id: number, body: InstructorActionBody): Promise<Employer> {
    return datedChange(db, actor, id, body.date, 'employer.instructor', async (trx) => {
      const name = body.name && body.name.length > 0 ? body.name : null;
      const current = await recordStatus(
        trx,
        actor,
        id,
        'instructor',
        name ? 'assigned' : 'none',
        body.date,
        name,
      );
      const latest = (await repo.history(trx, id)).filter((h) => h.aspect === 'instructor').at(-1);
      await repo.update(trx, id, { instructor_name: current === 'assigned' ? (latest?.note ?? null) : null });
      return {};
    });
  },

  async close(db: Db, actor: Actor, id: number, body: CloseEmployerBody): Promise<Employer> {
    return datedChange(db, actor, id, body.date, 'employer.close', async (trx) => {
      await repo.update(trx, id, { closed_on: body.date });
      // The memberships are kept by the union above; members move before the tallies are rebuilt.
      const members = await moveMembersOfClosedEmployer(trx, actor, id, body.date);
      const grassrootsUnion = await closeGrassrootsUnion(trx, actor, id, body.date, members.upperOrgUnitId);
      return { note: body.note ?? null, members, grassrootsUnion };
    });
  },
};

/**
 * The employer's own union ends with it (工会法 §12), succeeded by the union above, which also takes over
 * its user accounts. Returns what was closed, or null when the employer had no open union of its own.
 */
async function closeGrassrootsUnion(
  trx: Trx,
  actor: Actor,
  employerId: number,
  date: string,
  successorId: number | null,
): Promise<{ id: number; successorId: number | null; movedUsers: number } | null> {
  const union = await trx
    .selectFrom('employer as e')
    .innerJoin('org_unit as u', 'u.id', 'e.grassroots_union_id')
    .innerJoin('org_unit_version as v', (j) =>
      j.onRef('v.org_unit_id', '=', 'u.id').on('v.valid_to', 'is', null),
    )
    .select(['u.id', 'v.name', 'v.path'])
    .where('e.id', '=', employerId)
    .where('u.closed_on', 'is', null)
    .executeTakeFirst();
  if (!union) return null;
  const movedUsers = successorId === null ? 0 : await orgRepository.moveUsers(trx, [union.id], successorId);
  await orgRepository.close(trx, union.id, date, successorId);
  const outcome = { id: union.id, successorId, movedUsers };
  await audit(trx, actor, {
    action: 'org.close',
    entityType: 'org_unit',
    entityId: union.id,
    scopePath: union.path,
    before: { name: union.name, path: union.path },
    after: { closedOn: date, successorId, movedUsers, reason: 'employer_closed' },
  });
  return outcome;
}

/** One dated change to an open employer: a date on or after its registration, then `apply`. */
function datedChange(
  db: Db,
  actor: Actor,
  id: number,
  date: string,
  action: AuditAction,
  apply: (trx: Trx, before: EmployerWithUnit) => Promise<Record<string, unknown>>,
): Promise<Employer> {
  return changeRecord(db, actor, employerRecord(actor), id, action, async (trx, before) => {
    assertOnOrAfter(date, before.registeredOn);
    return apply(trx, before);
  });
}

function recordStatus(
  trx: Trx,
  actor: Actor,
  employerId: number,
  aspect: 'union' | 'party' | 'instructor',
  value: string,
  date: string,
  note: string | null,
) {
  return repo.recordStatus(trx, { employerId, aspect, value, date, note, by: actor.userId || null });
}

/** Creates the employer's grassroots union under its locality, from the date (or the locality's current start). */
export async function foundGrassrootsUnion(
  trx: Trx,
  actor: Actor | null,
  employer: Pick<EmployerWithUnit, 'name' | 'orgUnitId'>,
  date: string,
  name?: string,
): Promise<number> {
  const parent = await orgRepository.currentVersion(trx, employer.orgUnitId);
  if (!parent) throw notFound('所在组织');
  const unionName = name ?? `${employer.name}工会委员会`;
  const validFrom = date < parent.valid_from ? parent.valid_from : date;
  const id = await orgRepository.insertUnit(trx, {
    kind: 'grassroots_union',
    level: 'enterprise',
    jointType: null,
    divisionCode: null,
    name: unionName,
    nameInitials: nameInitials(unionName),
    parent: { id: parent.org_unit_id, path: parent.path, depth: parent.depth },
    validFrom,
    note: `${employer.name}单独建会`,
  });
  await audit(trx, actor, {
    action: 'org.create',
    entityType: 'org_unit',
    entityId: id,
    scopePath: `${parent.path}${id}/`,
    after: { name: unionName, parentId: parent.org_unit_id, validFrom },
  });
  return id;
}
