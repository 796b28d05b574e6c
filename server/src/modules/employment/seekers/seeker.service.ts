import type { Kysely } from 'kysely';
import dayjs from 'dayjs';
import {
  normalisePhone,
  phoneProblem,
  recommendationResultLabels,
  refusedTransitionMessage,
  seekerTransitions,
  type CreateSeekerBody,
  type EndPlacementBody,
  type ListSeekersQuery,
  type Page,
  type PlaceBody,
  type RecommendBody,
  type RecommendationResultBody,
  type Seeker,
  type SeekerDetail,
  type SeekerFilter,
  type SeekerStatus,
  type SeekerStatusBody,
  type UpdateSeekerBody,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { personalData } from '../../../platform/personal-data/personal-data.ts';
import { checkResidentId } from '../../../platform/personal-data/resident-id.ts';
import { scopeContains, scopeOf, type Scope } from '../../../platform/scope.ts';
import { changeRecord, createRecord, type ChangeableRecord } from '../../../platform/writes/record-change.ts';
import { memberRepository } from '../../members/index.ts';
import { employmentDb, type Db } from '../employment.definitions.ts';
import { fairRepository } from '../fairs/fair.repository.ts';
import { seekerRepository as repo, type SeekerRow } from './seeker.repository.ts';
import { presentSeeker } from './seeker.presenter.ts';

type PlatformDb = Kysely<Database>;
const SEEKER = '求职人员';
/** A placement is followed up three months after it began. */
const FOLLOW_UP_MONTHS = 3;

export function seekerRecord(scope: Scope): ChangeableRecord<SeekerRow, Seeker> {
  const cipher = personalData();
  return {
    entityType: 'job_seeker',
    label: SEEKER,
    lock: async (trx, id) => (await repo.lock(employmentDb(trx), id, scope)) ?? null,
    reload: async (trx, id) => (await repo.find(employmentDb(trx), id, scope))!,
    present: (r) => presentSeeker(r, cipher),
    scopePath: (r) => r.orgUnitPath,
  };
}

function notAfterToday(field: string, label: string, d: string) {
  if (d > today()) throw invalid([{ field, message: `${label}不能晚于今天` }]);
}

/** Moves a seeker along the state machine with a history entry, or refuses in words the cadre reads. */
export async function moveTo(
  db: Db,
  actor: Actor,
  s: SeekerRow,
  to: SeekerStatus,
  on: string,
  reason: string | null,
) {
  if (!seekerTransitions[s.status].includes(to)) throw conflict(refusedTransitionMessage(s.status, to));
  if (s.status === to) return;
  await repo.update(db, s.id, { status: to, status_since: on });
  await repo.insertStatusChange(db, {
    seeker_id: s.id,
    from_status: s.status,
    to_status: to,
    changed_on: on,
    reason,
    changed_by: actor.userId > 0 ? actor.userId : null,
  });
}

export const seekerService = {
  async list(db: PlatformDb, actor: Actor, q: ListSeekersQuery): Promise<Page<Seeker>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(employmentDb(db), scope, q, q);
    const cipher = personalData();
    return { ...page, items: page.items.map((r) => presentSeeker(r, cipher)) };
  },

  async all(db: PlatformDb, actor: Actor, f: SeekerFilter): Promise<Seeker[]> {
    const rows = await repo.all(employmentDb(db), await scopeUnderUnit(db, actor, f.orgUnitId), f);
    const cipher = personalData();
    return rows.map((r) => presentSeeker(r, cipher));
  },

  /** A seeker in the caller's scope, as a row (404 outside it). */
  async visible(db: PlatformDb, actor: Actor, id: number): Promise<SeekerRow> {
    const s = await repo.find(employmentDb(db), id, await scopeOf(db, actor));
    if (!s) throw notFound(SEEKER);
    return s;
  },

  async get(db: PlatformDb, actor: Actor, id: number): Promise<SeekerDetail> {
    const s = await this.visible(db, actor, id);
    const edb = employmentDb(db);
    const [history, recommendations, placements] = await Promise.all([
      repo.history(edb, id),
      repo.recommendationsOf(edb, id),
      repo.placementsOf(edb, id),
    ]);
    return { ...presentSeeker(s, personalData()), history, recommendations, placements };
  },

  /** Registers a person as a seeker: one record per resident ID in the whole database, found by keyed hash. */
  async register(db: PlatformDb, actor: Actor, body: CreateSeekerBody): Promise<SeekerDetail> {
    const parsed = checkResidentId(body.residentId);
    if (!parsed.ok) throw invalid([{ field: 'residentId', message: parsed.message }]);
    notAfterToday('registeredOn', '登记日期', body.registeredOn);
    const phone = body.phone ? normalisePhone(body.phone) : null;
    const phoneIssue = body.phone ? phoneProblem(body.phone) : null;
    if (phoneIssue) throw invalid([{ field: 'phone', message: phoneIssue }]);
    if (body.registeredVia === 'fair' && !body.fairId)
      throw invalid([{ field: 'fairId', message: '招聘会现场登记请选择招聘会' }]);
    const cipher = personalData();
    const hash = cipher.lookupHash('resident_id', parsed.id.value);
    const scope = await scopeOf(db, actor);
    const created = await createRecord(db, actor, seekerRecord(scope), 'seeker.register', async (trx) => {
      const edb = employmentDb(trx);
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), scope);
      if (!unit || unit.closedOn)
        throw invalid([{ field: 'orgUnitId', message: '登记单位不存在、已撤销或不在您的管辖范围内' }]);
      const fairId = body.registeredVia === 'fair' ? (body.fairId ?? null) : null;
      if (fairId) {
        const fair = await fairRepository.find(edb, fairId, scope);
        if (!fair) throw invalid([{ field: 'fairId', message: '招聘会不存在或不在您的管辖范围内' }]);
        if (fair.heldOn > body.registeredOn)
          throw invalid([
            { field: 'registeredOn', message: `登记日期不能早于招聘会举办日期 ${fair.heldOn}` },
          ]);
      }
      const existing = await repo.byHash(edb, hash);
      if (existing) {
        throw conflict(
          scopeContains(scope, existing.orgUnitPath)
            ? `该身份证号码已由「${existing.orgUnitName}」登记为求职人员「${existing.name}」，请在其记录上更新`
            : '该身份证号码已在其他单位登记为求职人员，请联系共同的上级工会',
          [{ field: 'residentId', message: '已登记为求职人员' }],
        );
      }
      const member = await memberRepository.findLiveByHash(trx, hash);
      const id = await repo.insert(edb, {
        name: body.name,
        gender: parsed.id.gender,
        birth_date: parsed.id.birthDate,
        resident_id_cipher: cipher.encrypt(parsed.id.value),
        resident_id_hash: hash,
        resident_id_tail: parsed.id.value.slice(-4),
        phone_cipher: phone ? cipher.encrypt(phone) : null,
        phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
        is_member: Boolean(member),
        situation: body.situation,
        skills: body.skills,
        wished_categories: [...new Set(body.wishedCategories)],
        wished_pay_min_fen: body.wishedPayMinFen ?? null,
        wishes: body.wishes ?? null,
        org_unit_id: unit.id,
        registered_via: body.registeredVia,
        fair_id: fairId,
        registered_on: body.registeredOn,
        status: 'registered',
        status_since: body.registeredOn,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await repo.insertStatusChange(edb, {
        seeker_id: id,
        from_status: null,
        to_status: 'registered',
        changed_on: body.registeredOn,
        reason: null,
        changed_by: actor.userId > 0 ? actor.userId : null,
      });
      return id;
    });
    return this.get(db, actor, created.id);
  },

  async update(db: PlatformDb, actor: Actor, id: number, body: UpdateSeekerBody): Promise<SeekerDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.update', async (trx) => {
      await repo.update(employmentDb(trx), id, {
        situation: body.situation,
        skills: body.skills,
        wished_categories: body.wishedCategories ? [...new Set(body.wishedCategories)] : undefined,
        wished_pay_min_fen: body.wishedPayMinFen,
        wishes: body.wishes,
      });
    });
    return this.get(db, actor, id);
  },

  /** Withdraws a seeker (退出) or takes them back (恢复登记), with the reason in the history. */
  async setStatus(db: PlatformDb, actor: Actor, id: number, body: SeekerStatusBody): Promise<SeekerDetail> {
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.status', async (trx, s) => {
      await moveTo(employmentDb(trx), actor, s, body.status, today(), body.reason);
      return { reason: body.reason };
    });
    return this.get(db, actor, id);
  },

  /** Recommends a seeker to a position the caller sees; never while they are placed and still employed. */
  async recommend(db: PlatformDb, actor: Actor, id: number, body: RecommendBody): Promise<SeekerDetail> {
    notAfterToday('recommendedOn', '推荐日期', body.recommendedOn);
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.recommend', async (trx, s) => {
      const edb = employmentDb(trx);
      if (s.status === 'placed') {
        const live = await repo.livePlacement(edb, id);
        throw conflict(
          live
            ? `该求职人员已于 ${live.placedOn} 在「${live.employerName}」就业且仍在岗，须先登记离职（结束就业登记）后才能再推荐`
            : refusedTransitionMessage('placed', 'recommended'),
        );
      }
      if (!seekerTransitions[s.status].includes('recommended'))
        throw conflict(refusedTransitionMessage(s.status, 'recommended'));
      if (body.recommendedOn < s.registeredOn)
        throw invalid([{ field: 'recommendedOn', message: `推荐日期不能早于登记日期 ${s.registeredOn}` }]);
      const position = await fairRepository.findPosition(edb, body.positionId, scope);
      if (!position) throw invalid([{ field: 'positionId', message: '岗位不存在或不在您的管辖范围内' }]);
      const before = await repo.recommendationFor(edb, id, position.id);
      if (before)
        throw conflict(
          `已于 ${before.recommendedOn} 向「${position.employerName}」的「${position.title}」岗位推荐过此人`,
        );
      if ((await repo.placedIn(edb, position.id)) >= position.openings)
        throw conflict(
          `「${position.employerName}」的「${position.title}」岗位已招满 ${position.openings} 人`,
        );
      const recId = await repo.insertRecommendation(edb, {
        seeker_id: id,
        position_id: position.id,
        recommended_on: body.recommendedOn,
        result: 'pending',
        note: body.note ?? null,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await moveTo(
        edb,
        actor,
        s,
        'recommended',
        body.recommendedOn,
        `推荐至「${position.employerName}」${position.title}`,
      );
      return { recommendation: await repo.recommendation(edb, recId) };
    });
    return this.get(db, actor, id);
  },

  /** Records what came of a recommendation (面试、录用、未录用 …). */
  async recordResult(
    db: PlatformDb,
    actor: Actor,
    id: number,
    body: RecommendationResultBody,
  ): Promise<SeekerDetail> {
    notAfterToday('resultOn', '反馈日期', body.resultOn);
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.recommendation_result', async (trx) => {
      const edb = employmentDb(trx);
      const r = await repo.recommendation(edb, body.recommendationId);
      if (!r || r.seekerId !== id) throw notFound('推荐记录');
      if (body.resultOn < r.recommendedOn)
        throw invalid([{ field: 'resultOn', message: `反馈日期不能早于推荐日期 ${r.recommendedOn}` }]);
      if (await repo.placementOf(edb, r.id))
        throw conflict(`此推荐已登记就业，结果不能再改为「${recommendationResultLabels[body.result]}」`);
      await repo.updateRecommendation(edb, r.id, {
        result: body.result,
        result_on: body.resultOn,
        note: body.note === undefined ? r.note : body.note,
      });
      return { recommendation: await repo.recommendation(edb, r.id) };
    });
    return this.get(db, actor, id);
  },

  /** Places a seeker in the position of one of their recommendations; no placement without one. */
  async place(db: PlatformDb, actor: Actor, id: number, body: PlaceBody): Promise<SeekerDetail> {
    notAfterToday('placedOn', '就业日期', body.placedOn);
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.place', async (trx, s) => {
      const edb = employmentDb(trx);
      const r = await repo.recommendation(edb, body.recommendationId);
      if (!r || r.seekerId !== id)
        throw invalid([{ field: 'recommendationId', message: '没有这条推荐记录：登记就业须先为其推荐岗位' }]);
      if (!seekerTransitions[s.status].includes('placed'))
        throw conflict(refusedTransitionMessage(s.status, 'placed'));
      if (r.result === 'rejected' || r.result === 'declined')
        throw conflict(`此推荐的结果为「${recommendationResultLabels[r.result]}」，不能据此登记就业`);
      if (body.placedOn < r.recommendedOn)
        throw invalid([{ field: 'placedOn', message: `就业日期不能早于推荐日期 ${r.recommendedOn}` }]);
      await repo.updateRecommendation(edb, r.id, { result: 'hired', result_on: r.resultOn ?? body.placedOn });
      const placementId = await repo.insertPlacement(edb, {
        seeker_id: id,
        recommendation_id: r.id,
        position_id: r.positionId,
        placed_on: body.placedOn,
        source: body.source,
        follow_up_due: dayjs(body.placedOn).add(FOLLOW_UP_MONTHS, 'month').format('YYYY-MM-DD'),
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await moveTo(edb, actor, s, 'placed', body.placedOn, `在「${r.employerName}」${r.positionTitle}就业`);
      const placement = (await repo.placementsOf(edb, id)).find((p) => p.id === placementId);
      return { placement };
    });
    return this.get(db, actor, id);
  },

  /** Ends the seeker's live placement (离职), so that they may be recommended again. */
  async endPlacement(
    db: PlatformDb,
    actor: Actor,
    id: number,
    body: EndPlacementBody,
  ): Promise<SeekerDetail> {
    notAfterToday('endedOn', '离职日期', body.endedOn);
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.end_placement', async (trx, s) => {
      const edb = employmentDb(trx);
      const live = await repo.livePlacement(edb, id);
      if (!live) throw conflict('该求职人员没有在岗的就业登记');
      if (body.endedOn < live.placedOn)
        throw invalid([{ field: 'endedOn', message: `离职日期不能早于就业日期 ${live.placedOn}` }]);
      await repo.endPlacement(edb, live.id, body.endedOn, body.reason);
      await moveTo(edb, actor, s, 'left', body.endedOn, body.reason);
      return { placement: { ...live, endedOn: body.endedOn, endReason: body.reason } };
    });
    return this.get(db, actor, id);
  },
};
