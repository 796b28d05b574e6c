import type { Kysely } from 'kysely';
import {
  maskResidentId,
  type ArchiveFilter,
  type ArchiveStatusBody,
  type CreateArchiveBody,
  type GiveAssistanceBody,
  type HardshipArchive,
  type HardshipArchiveDetail,
  type ListArchivesQuery,
  type LivingLine,
  type LivingLineBody,
  type Page,
  type UpdateArchiveBody,
  type UpdateHouseholdMemberBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { scopeOf, type Scope } from '../../../platform/scope.ts';
import type { AppDb } from '../cases/case.definitions.ts';
import { caseRepository } from '../cases/case.repository.ts';
import { hardshipCategory } from './hardship.definitions.ts';
import {
  hardshipRepository as repo,
  type ArchiveListFilter,
  type ArchiveRow,
} from './hardship.repository.ts';

type Db = Kysely<Database>;
const ARCHIVE = '困难职工档案';

/** An archive as lists and the audit log show it: the head's ID masked, the arithmetic beside the category. */
export function presentArchive(r: ArchiveRow): HardshipArchive {
  return {
    id: r.id,
    headName: r.headName ?? '',
    headResidentIdMasked: r.headResidentIdCipher
      ? maskResidentId(personalData().decrypt(r.headResidentIdCipher))
      : '',
    orgUnitId: r.orgUnitId,
    orgUnitName: r.orgUnitName,
    category: r.category,
    status: r.status,
    statusReason: r.statusReason,
    suddenCause: r.suddenCause,
    suddenNote: r.suddenNote,
    reviewDueOn: r.reviewDueOn,
    assistedFen: Number(r.assistedFen),
    arithmetic: {
      annualIncomeFen: r.annualIncomeFen,
      unavoidableExpenseFen: r.unavoidableExpenseFen,
      householdSize: r.householdSize,
      perCapitaMonthlyFen: r.perCapitaMonthlyFen,
      lineMonthlyFen: r.lineMonthlyFen,
      lineYear: r.lineYear,
      lineUnitName: r.lineUnitName,
      ruleVersion: r.ruleVersion,
    },
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

function archiveRecord(scope: Scope): ChangeableRecord<ArchiveRow, HardshipArchive> {
  return {
    entityType: 'hardship_archive',
    label: ARCHIVE,
    lock: async (trx, id) => (await repo.lock(trx, id, scope)) ?? null,
    reload: (trx, id) => repo.reload(trx, id),
    present: presentArchive,
    scopePath: (r) => r.orgUnitPath,
  };
}

/** The line of the district the unit lies in, for this year; refused when the district has set none. */
async function lineFor(db: AppDb, unitPath: string) {
  const year = Number(today().slice(0, 4));
  const district = await repo.districtOf(db, unitPath);
  const line = district ? await repo.line(db, district.id, year) : undefined;
  if (!district || !line)
    throw invalid([
      { field: 'orgUnitId', message: `所在区（县级市）尚未设置 ${year} 年最低生活保障标准，请先设置` },
    ]);
  return { unitId: district.id, year, monthlyFen: line.monthly_fen };
}

/** Recomputes and stores the category from the archive's stored inputs and today's line. */
async function recompute(db: AppDb, id: number, unitPath: string) {
  const archive = await repo.reload(db, id);
  const members = await repo.members(db, id);
  const line = await lineFor(db, unitPath);
  const r = hardshipCategory({
    memberIncomesFen: members.map((m) => m.annualIncomeFen),
    unavoidableExpenseFen: archive.unavoidableExpenseFen,
    suddenCause: archive.suddenCause,
    lineMonthlyFen: line.monthlyFen,
  });
  await repo.update(db, id, {
    category: r.category,
    rule_version: r.ruleVersion,
    line_unit_id: line.unitId,
    line_year: line.year,
    line_monthly_fen: line.monthlyFen,
    annual_income_fen: r.annualIncomeFen,
    household_size: r.householdSize,
    per_capita_monthly_fen: r.perCapitaMonthlyFen,
  });
}

function listFilter(f: ArchiveFilter): ArchiveListFilter {
  const { orgUnitId: _unit, ...rest } = f;
  return { ...rest, today: today() };
}

/** Hardship archives: households, their computed category and its arithmetic, their lifecycle. */
export const hardshipService = {
  async list(db: Db, actor: Actor, q: ListArchivesQuery): Promise<Page<HardshipArchive>> {
    const page = await repo.list(db, await scopeUnderUnit(db, actor, q.orgUnitId), listFilter(q), q);
    return { ...page, items: page.items.map(presentArchive) };
  },

  async count(db: Db, actor: Actor, f: ArchiveFilter) {
    return repo.count(db, await scopeUnderUnit(db, actor, f.orgUnitId), listFilter(f));
  },

  async all(db: Db, actor: Actor, f: ArchiveFilter) {
    return (await repo.all(db, await scopeUnderUnit(db, actor, f.orgUnitId), listFilter(f))).map(
      presentArchive,
    );
  },

  async get(db: Db, actor: Actor, id: number): Promise<HardshipArchiveDetail> {
    const row = await repo.find(db, id, await scopeOf(db, actor));
    if (!row) throw notFound(ARCHIVE);
    const cipher = personalData();
    const members = await repo.members(db, id);
    return {
      ...presentArchive(row),
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        relation: m.relation,
        residentIdMasked: maskResidentId(cipher.decrypt(m.residentIdCipher)),
        health: m.health,
        annualIncomeFen: m.annualIncomeFen,
        occupation: m.occupation,
      })),
      assistance: await repo.given(db, id),
    };
  },

  /**
   * Records help given to a household (money in fen, goods or a service, from a named fund), maybe for one
   * of the caller's cases.
   */
  async give(db: Db, actor: Actor, id: number, body: GiveAssistanceBody): Promise<HardshipArchive> {
    if (body.kind === 'money' && !body.amountFen)
      throw invalid([{ field: 'amountFen', message: '资金帮扶请填写金额' }]);
    if (body.kind !== 'money' && body.amountFen)
      throw invalid([{ field: 'amountFen', message: '物资或服务帮扶不填金额，请在帮扶内容中写明' }]);
    if (body.kind !== 'money' && !body.description)
      throw invalid([{ field: 'description', message: '请填写帮扶内容' }]);
    if (body.givenOn > today()) throw invalid([{ field: 'givenOn', message: '帮扶日期不能晚于今天' }]);
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, archiveRecord(scope), id, 'hardship_archive.give', async (trx, row) => {
      if (row.status === 'cancelled') throw conflict('档案已注销，不能再记录帮扶');
      const caseId = body.caseId ?? null;
      if (caseId !== null && !(await caseRepository.find(trx, caseId, scope)))
        throw invalid([{ field: 'caseId', message: '案件不存在或不在您的管辖范围内' }]);
      await repo.give(trx, {
        archive_id: id,
        case_id: caseId,
        kind: body.kind,
        amount_fen: body.kind === 'money' ? (body.amountFen ?? null) : null,
        description: body.description ?? null,
        fund: body.fund,
        given_on: body.givenOn,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await repo.update(trx, id, {});
      return {
        kind: body.kind,
        amountFen: body.amountFen ?? null,
        description: body.description ?? null,
        fund: body.fund,
        givenOn: body.givenOn,
        caseId,
      };
    });
  },

  async create(db: Db, actor: Actor, body: CreateArchiveBody): Promise<HardshipArchive> {
    const heads = body.members.filter((m) => m.relation === 'head').length;
    if (heads !== 1) throw invalid([{ field: 'members', message: '家庭成员中应有且只有一位户主' }]);
    const cipher = personalData();
    const sealed = body.members.map((m, i) => {
      const parsed = checkResidentId(m.residentId);
      if (!parsed.ok)
        throw invalid([
          {
            field: `members.${i}.residentId`,
            message: `第 ${i + 1} 位家庭成员的身份证号：${parsed.message}`,
          },
        ]);
      return { ...m, id: parsed.id.value };
    });
    if (new Set(sealed.map((m) => m.id)).size !== sealed.length)
      throw invalid([{ field: 'members', message: '家庭成员的身份证号有重复' }]);
    const scope = await scopeOf(db, actor);
    return createRecord(db, actor, archiveRecord(scope), 'hardship_archive.create', async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '建档单位不存在或不在您的管辖范围内' }]);
      const line = await lineFor(trx, unit.path);
      const r = hardshipCategory({
        memberIncomesFen: body.members.map((m) => m.annualIncomeFen),
        unavoidableExpenseFen: body.unavoidableExpenseFen,
        suddenCause: body.suddenCause ?? null,
        lineMonthlyFen: line.monthlyFen,
      });
      const id = await repo.insert(trx, {
        org_unit_id: unit.id,
        unavoidable_expense_fen: body.unavoidableExpenseFen,
        sudden_cause: body.suddenCause ?? null,
        sudden_note: body.suddenNote ?? null,
        category: r.category,
        rule_version: r.ruleVersion,
        line_unit_id: line.unitId,
        line_year: line.year,
        line_monthly_fen: line.monthlyFen,
        annual_income_fen: r.annualIncomeFen,
        household_size: r.householdSize,
        per_capita_monthly_fen: r.perCapitaMonthlyFen,
        review_due_on: body.reviewDueOn,
        created_by: actor.userId > 0 ? actor.userId : null,
        updated_at: new Date(),
      });
      await repo.insertMembers(
        trx,
        sealed.map((m) => ({
          archive_id: id,
          name: m.name,
          relation: m.relation,
          resident_id_cipher: cipher.encrypt(m.id),
          resident_id_hash: cipher.lookupHash('resident_id', m.id),
          resident_id_tail: m.id.slice(-4),
          health: m.health,
          annual_income_fen: m.annualIncomeFen,
          occupation: m.occupation ?? null,
        })),
      );
      return id;
    });
  },

  async update(db: Db, actor: Actor, id: number, body: UpdateArchiveBody): Promise<HardshipArchive> {
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, archiveRecord(scope), id, 'hardship_archive.update', async (trx, row) => {
      if (row.status !== 'active') throw conflict('档案已脱困或注销，不能再修改');
      await repo.update(trx, id, {
        ...(body.unavoidableExpenseFen !== undefined
          ? { unavoidable_expense_fen: body.unavoidableExpenseFen }
          : {}),
        ...(body.suddenCause !== undefined ? { sudden_cause: body.suddenCause } : {}),
        ...(body.suddenNote !== undefined ? { sudden_note: body.suddenNote } : {}),
        ...(body.reviewDueOn !== undefined ? { review_due_on: body.reviewDueOn } : {}),
      });
      await recompute(trx, id, row.orgUnitPath);
    });
  },

  /** Changes one member's income, health or school or work; the category follows. */
  async updateMember(
    db: Db,
    actor: Actor,
    id: number,
    memberId: number,
    body: UpdateHouseholdMemberBody,
  ): Promise<HardshipArchive> {
    const scope = await scopeOf(db, actor);
    return changeRecord(
      db,
      actor,
      archiveRecord(scope),
      id,
      'hardship_archive.update_member',
      async (trx, row) => {
        if (row.status !== 'active') throw conflict('档案已脱困或注销，不能再修改');
        const before = (await repo.members(trx, id)).find((m) => m.id === memberId);
        if (!before) throw notFound('家庭成员');
        await repo.updateMember(trx, id, memberId, {
          ...(body.annualIncomeFen !== undefined ? { annual_income_fen: body.annualIncomeFen } : {}),
          ...(body.health !== undefined ? { health: body.health } : {}),
          ...(body.occupation !== undefined ? { occupation: body.occupation } : {}),
        });
        await recompute(trx, id, row.orgUnitPath);
        return {
          memberId,
          name: before.name,
          annualIncomeFen: body.annualIncomeFen ?? before.annualIncomeFen,
        };
      },
    );
  },

  async setStatus(db: Db, actor: Actor, id: number, body: ArchiveStatusBody): Promise<HardshipArchive> {
    const scope = await scopeOf(db, actor);
    return changeRecord(db, actor, archiveRecord(scope), id, 'hardship_archive.status', async (trx, row) => {
      if (row.status === body.status) throw invalid([{ field: 'status', message: '档案已是该状态' }]);
      if (row.status === 'cancelled')
        throw invalid([{ field: 'status', message: '已注销的档案不能再变更状态' }]);
      await repo.update(trx, id, { status: body.status, status_reason: body.reason });
      return { reason: body.reason };
    });
  },

  async lines(db: Db, actor: Actor): Promise<LivingLine[]> {
    return repo.lines(db, await scopeOf(db, actor));
  },

  /** Sets a district's minimum-living line for a year (the district itself, or the city above it). */
  async setLine(db: Db, actor: Actor, body: LivingLineBody): Promise<LivingLine> {
    return db.transaction().execute(async (trx) => {
      const scope = await scopeOf(trx, actor);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.level !== 'county')
        throw invalid([{ field: 'orgUnitId', message: '请选择您管辖范围内的区（县级市）' }]);
      const before = await repo.line(trx, unit.id, body.year);
      await repo.setLine(trx, unit.id, body.year, body.monthlyFen);
      const after = {
        orgUnitId: unit.id,
        orgUnitName: unit.name,
        year: body.year,
        monthlyFen: body.monthlyFen,
      };
      await audit(trx, actor, {
        action: 'living_line.set',
        entityType: 'living_line',
        entityId: `${unit.id}-${body.year}`,
        scopePath: unit.path,
        before: before ? { ...after, monthlyFen: before.monthly_fen } : null,
        after,
      });
      return after;
    });
  },
};
