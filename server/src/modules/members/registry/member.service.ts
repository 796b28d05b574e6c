import type { Kysely, Transaction } from 'kysely';
import {
  memberAgeBandYears,
  memberStatusLabels,
  normalisePhone,
  normaliseResidentId,
  registryNumber,
  type ChangeStatusBody,
  type EnrolMemberBody,
  type ListMembersQuery,
  type Member,
  type MemberDetail,
  type MemberStatus,
  type Page,
  type RevealField,
  type UpdateMemberBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import dayjs from 'dayjs';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { recordReveal } from '../../../platform/personal-data/reveal.ts';
import { narrowScope, Scope, scopeContains, scopeOf } from '../../../platform/scope.ts';
import { pageWindow } from '../../../platform/lists/list-page.ts';
import { nameKeys } from './member.names.ts';
import { auditView, presentMember } from './member.presenter.ts';
import {
  memberEmployerLookup,
  memberRepository,
  type MemberFilter,
  type MemberRow,
  type MemberSearch,
} from './member.repository.ts';
import { tallyRepository } from '../../indicators/index.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Reads the search box: a full ID or a phone by keyed hash, four characters as an ID tail, letters as pinyin. */
export function parseMemberSearch(q: string | undefined): MemberSearch | null {
  const text = q?.trim() ?? '';
  if (!text) return null;
  const id = normaliseResidentId(text);
  if (/^\d{17}[\dX]$/.test(id))
    return { kind: 'residentIdHash', hash: personalData().lookupHash('resident_id', id) };
  if (/^\d{3}[\dX]$/.test(id)) return { kind: 'tail', tail: id };
  const phone = normalisePhone(text);
  if (/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone))
    return { kind: 'phoneHash', hash: personalData().lookupHash('phone', phone) };
  if (/^[a-zA-Z]+$/.test(text)) return { kind: 'pinyin', prefix: text.toLowerCase() };
  return { kind: 'name', prefix: text };
}

/** Postgres's unique_violation on the one-live-membership index. */
export function isOneLiveViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23505' &&
    (err.constraint === 'member_one_live' || /member_one_live/.test(err.message ?? ''))
  );
}

/**
 * Refuses a second live membership. The holding union and the registry number are named only when that
 * union lies in the caller's scope; otherwise the message says no more than "a member of another union".
 */
export function alreadyMemberError(
  where: { orgUnitName: string; orgUnitPath: string; status: MemberStatus; id: number },
  scope: Scope,
) {
  if (!scopeContains(scope, where.orgUnitPath)) {
    return conflict('此人已是其他工会的会员，一人只能有一个会籍；如需变更，请向其所在工会申请会员关系接转', [
      { field: 'residentId', message: '已是其他工会的会员' },
    ]);
  }
  return conflict(
    `此人已是「${where.orgUnitName}」的会员（${memberStatusLabels[where.status]}，会员编号 ${registryNumber(where.id)}），一人只能有一个会籍；如需变更请办理会员关系接转`,
    [{ field: 'residentId', message: `已在「${where.orgUnitName}」登记` }],
  );
}

async function openUnitInScope(db: Db, id: number, scope: Scope, field = 'orgUnitId') {
  const unit = await orgRepository.findAt(db, id, today(), scope);
  if (!unit || unit.closedOn)
    throw invalid([{ field, message: '所属工会不存在、已撤销或不在您的管辖范围内' }]);
  return unit;
}

async function employerInScope(db: Db, id: number | null | undefined, scope: Scope) {
  if (!id) return null;
  const e = await memberEmployerLookup.byId(db, id, scope);
  if (!e) throw invalid([{ field: 'employerId', message: '工作单位不存在或不在您的管辖范围内' }]);
  if (e.closedOn)
    throw invalid([{ field: 'employerId', message: `工作单位「${e.name}」已于 ${e.closedOn} 注销` }]);
  return e;
}

async function load(db: Db, id: number, scope: Scope): Promise<Member> {
  return presentMember(await rowInScope(db, id, scope), personalData());
}

async function rowInScope(db: Db, id: number, scope: Scope): Promise<MemberRow> {
  const row = await memberRepository.findInScope(db, id, scope);
  if (!row) throw notFound('会员');
  return row;
}

/**
 * How a member is changed in the caller's scope. The audit keeps the masked view; the employers' kept
 * membership counts are rebuilt when the member joins, moves employer, or changes status.
 */
function memberRecord(scope: Scope): ChangeableRecord<MemberRow, Member> {
  const cipher = personalData();
  return {
    entityType: 'member',
    label: '会员',
    lock: async (trx, id) => (await memberRepository.lockInScope(trx, id, scope)) ?? null,
    reload: (trx, id) => rowInScope(trx, id, scope),
    present: (row) => presentMember(row, cipher),
    scopePath: (row) => row.orgUnitPath,
    auditView,
    tallies: async (trx, before, after) => {
      if (before && before.employerId === after.employerId && before.status === after.status) return;
      const employers = new Set([before ? before.employerId : after.employerId, after.employerId]);
      await tallyRepository.rebuildForEmployers(trx, [...employers]);
    },
  };
}

/** The date `years` years before today (China time), as YYYY-MM-DD; 29 February falls back to the 28th. */
function yearsBefore(years: number): string {
  return dayjs(today()).subtract(years, 'year').format('YYYY-MM-DD');
}

export const memberService = {
  async list(db: Kysely<Database>, actor: Actor, q: ListMembersQuery): Promise<Page<Member>> {
    const scope = await scopeOf(db, actor);
    const filter = await memberService.filterOf(db, scope, q);
    const page = await memberRepository.list(db, scope, filter, q.sort, q.order, pageWindow(q));
    const cipher = personalData();
    return { ...page, items: page.items.map((r) => presentMember(r, cipher)) };
  },

  /**
   * The list's filters; a union outside the scope narrows to nothing rather than widening. An age band
   * becomes a range of birth dates as of today.
   */
  async filterOf(
    db: Db,
    scope: Scope,
    q: Omit<ListMembersQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
  ): Promise<MemberFilter> {
    if (q.joinedFrom && q.joinedTo && q.joinedFrom > q.joinedTo) {
      throw invalid([{ field: 'joinedTo', message: '入会日期的起日不能晚于止日' }]);
    }
    let unitScope: Scope | null = null;
    if (q.orgUnitId) {
      const unit = await orgRepository.findAt(db, q.orgUnitId, today(), scope);
      unitScope = unit ? narrowScope(scope, unit.path) : Scope.nowhere;
    }
    const yes = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
    const [youngest, oldest] = q.ageBand ? memberAgeBandYears[q.ageBand] : [null, null];
    return {
      search: parseMemberSearch(q.q),
      unitScope,
      employerId: q.employerId,
      status: q.status,
      migrantWorker: yes(q.migrantWorker),
      newEmploymentForm: yes(q.newEmploymentForm),
      gender: q.gender,
      joinedFrom: q.joinedFrom,
      joinedTo: q.joinedTo,
      // Aged at least n today: born on or before today n years ago; at most n: born after n + 1 years ago.
      bornBy: youngest ? yearsBefore(youngest) : undefined,
      bornAfter: oldest === null ? undefined : yearsBefore(oldest + 1),
    };
  },

  async get(db: Kysely<Database>, actor: Actor, id: number): Promise<MemberDetail> {
    const scope = await scopeOf(db, actor);
    const member = await load(db, id, scope);
    const history = await memberRepository.history(db, id);
    return {
      ...member,
      history: history.map((h) => ({
        orgUnitId: h.orgUnitId,
        orgUnitName: h.unitNameThen ?? h.unitNameNow ?? '',
        employerName: h.employerName,
        status: h.status,
        validFrom: h.validFrom,
        validTo: h.validTo,
        change: h.change,
        note: h.note,
      })),
    };
  },

  /** Enrols a person: one live membership in the whole database, enforced by a unique index. */
  async enrol(db: Kysely<Database>, actor: Actor, body: EnrolMemberBody): Promise<Member> {
    const parsed = checkResidentId(body.residentId);
    if (!parsed.ok) throw invalid([{ field: 'residentId', message: parsed.message }]);
    if (body.joinedOn > today()) throw invalid([{ field: 'joinedOn', message: '入会日期不能晚于今天' }]);
    const cipher = personalData();
    const hash = cipher.lookupHash('resident_id', parsed.id.value);
    const scope = await scopeOf(db, actor);
    try {
      return await createRecord(db, actor, memberRecord(scope), 'member.enrol', async (trx) => {
        const unit = await openUnitInScope(trx, body.orgUnitId, scope);
        await employerInScope(trx, body.employerId, scope);
        const existing = await memberRepository.findLiveByHash(trx, hash);
        if (existing) throw alreadyMemberError(existing, scope);
        const keys = nameKeys(body.name);
        const phone = body.phone ?? null;
        const id = await memberRepository.insert(trx, {
          name: body.name,
          name_pinyin: keys.pinyin,
          name_initials: keys.initials,
          resident_id_cipher: cipher.encrypt(parsed.id.value),
          resident_id_hash: hash,
          resident_id_tail: parsed.id.value.slice(-4),
          gender: parsed.id.gender,
          birth_date: parsed.id.birthDate,
          phone_cipher: phone ? cipher.encrypt(phone) : null,
          phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
          ethnicity: body.ethnicity ?? null,
          education: body.education ?? null,
          household_type: body.householdType ?? null,
          migrant_worker: body.migrantWorker,
          new_employment_form: body.newEmploymentForm,
          employer_id: body.employerId ?? null,
          org_unit_id: unit.id,
          status: 'active',
          status_since: body.joinedOn,
          joined_on: body.joinedOn,
        });
        await memberRepository.recordSpan(trx, id, {
          orgUnitId: unit.id,
          employerId: body.employerId ?? null,
          status: 'active',
          from: body.joinedOn,
          change: 'enrol',
        });
        return id;
      });
    } catch (e) {
      if (!isOneLiveViolation(e)) throw e;
      const winner = await memberRepository.findLiveByHash(db, hash);
      throw winner ? alreadyMemberError(winner, scope) : conflict('此人刚刚被其他人登记为会员，请刷新后再试');
    }
  },

  async update(db: Kysely<Database>, actor: Actor, id: number, body: UpdateMemberBody): Promise<Member> {
    const scope = await scopeOf(db, actor);
    const cipher = personalData();
    return changeRecord(db, actor, memberRecord(scope), id, 'member.update', async (trx, row) => {
      const movesEmployer = body.employerId !== undefined && body.employerId !== row.employerId;
      if (movesEmployer) await employerInScope(trx, body.employerId, scope);
      const keys = body.name !== undefined ? nameKeys(body.name) : null;
      const phone = body.phone;
      await memberRepository.update(trx, id, {
        ...(keys ? { name: body.name, name_pinyin: keys.pinyin, name_initials: keys.initials } : {}),
        ...(phone !== undefined
          ? {
              phone_cipher: phone ? cipher.encrypt(phone) : null,
              phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
            }
          : {}),
        ...(body.ethnicity !== undefined ? { ethnicity: body.ethnicity } : {}),
        ...(body.education !== undefined ? { education: body.education } : {}),
        ...(body.householdType !== undefined ? { household_type: body.householdType } : {}),
        ...(body.migrantWorker !== undefined ? { migrant_worker: body.migrantWorker } : {}),
        ...(body.newEmploymentForm !== undefined ? { new_employment_form: body.newEmploymentForm } : {}),
        ...(body.employerId !== undefined ? { employer_id: body.employerId } : {}),
      });
      if (movesEmployer) {
        await memberRepository.recordSpan(trx, id, {
          orgUnitId: row.orgUnitId,
          employerId: body.employerId ?? null,
          status: row.status,
          from: today(),
          change: 'employer',
        });
      }
    });
  },

  /** Retirement, unemployment, leaving, death, or a return to active: dated, with a note. */
  async changeStatus(
    db: Kysely<Database>,
    actor: Actor,
    id: number,
    body: ChangeStatusBody,
  ): Promise<Member> {
    const scope = await scopeOf(db, actor);
    try {
      return await changeRecord(db, actor, memberRecord(scope), id, 'member.status', async (trx, row) => {
        if (row.status === body.status) throw conflict(`会员已是「${memberStatusLabels[body.status]}」状态`);
        if (row.status === 'deceased' || row.status === 'transferred' || row.status === 'left') {
          throw conflict(`会籍已终止（${memberStatusLabels[row.status]}），如重新入会请新登记`);
        }
        if (body.status === 'transferred') {
          throw invalid([{ field: 'status', message: '转到其他工会请使用会员关系接转' }]);
        }
        if (body.date < row.statusSince || body.date > today()) {
          throw invalid([{ field: 'date', message: `日期应在 ${row.statusSince} 与今天之间` }]);
        }
        await memberRepository.update(trx, id, { status: body.status, status_since: body.date });
        await memberRepository.recordSpan(trx, id, {
          orgUnitId: row.orgUnitId,
          employerId: row.employerId,
          status: body.status,
          from: body.date,
          change: 'status',
          note: body.note,
        });
        return { note: body.note };
      });
    } catch (e) {
      if (isOneLiveViolation(e)) throw conflict('此人已在别处有会籍，不能恢复为在册；请办理会员关系接转');
      throw e;
    }
  },

  /** The clear value of a personal field, only with a reason, and only after the audit record is written. */
  async reveal(db: Kysely<Database>, actor: Actor, id: number, field: RevealField, reason: string) {
    const scope = await scopeOf(db, actor);
    const cipher = personalData();
    return db.transaction().execute(async (trx) => {
      const row = await memberRepository.findInScope(trx, id, scope);
      if (!row) throw notFound('会员');
      await recordReveal(trx, actor, {
        entityType: 'member',
        entityId: id,
        field,
        reason,
        scopePath: row.orgUnitPath,
      });
      const sealed = field === 'residentId' ? row.residentIdCipher : row.phoneCipher;
      return { field, value: sealed ? cipher.decrypt(sealed) : null };
    });
  },
};
