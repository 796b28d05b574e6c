import type { Kysely } from 'kysely';
import type {
  FollowUp,
  FollowUpBody,
  FollowUpFilter,
  ListFollowUpsQuery,
  Page,
  SeekerDetail,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, invalid } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { scopeUnderUnit } from '../../../platform/orgs/unit-scope.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { changeRecord } from '../../../platform/writes/record-change.ts';
import { employmentDb } from '../employment.definitions.ts';
import { seekerRepository as repo } from './seeker.repository.ts';
import { moveTo, seekerRecord, seekerService } from './seeker.service.ts';

type PlatformDb = Kysely<Database>;

export const followUpService = {
  /** Placements waiting for their three-month follow-up in the caller's scope, the most overdue first. */
  async list(db: PlatformDb, actor: Actor, q: ListFollowUpsQuery): Promise<Page<FollowUp>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    return repo.followUps(employmentDb(db), scope, q, q, today());
  },

  async all(db: PlatformDb, actor: Actor, f: FollowUpFilter): Promise<FollowUp[]> {
    return repo.allFollowUps(employmentDb(db), await scopeUnderUnit(db, actor, f.orgUnitId), f, today());
  },

  /**
   * Records the follow-up of the seeker's live placement: still employed, or not and why, which ends the
   * placement on that day so that the person may be recommended again.
   */
  async record(db: PlatformDb, actor: Actor, id: number, body: FollowUpBody): Promise<SeekerDetail> {
    if (body.followedUpOn > today())
      throw invalid([{ field: 'followedUpOn', message: '回访日期不能晚于今天' }]);
    const note = body.note ?? null;
    if (!body.stillEmployed && !note) throw invalid([{ field: 'note', message: '请填写未在岗的原因' }]);
    const scope = await scopeOf(db, actor);
    await changeRecord(db, actor, seekerRecord(scope), id, 'seeker.follow_up', async (trx, s) => {
      const edb = employmentDb(trx);
      const live = await repo.livePlacement(edb, id);
      if (!live || live.followedUpOn) throw conflict('该求职人员没有待回访的就业登记');
      if (body.followedUpOn < live.placedOn)
        throw invalid([{ field: 'followedUpOn', message: `回访日期不能早于就业日期 ${live.placedOn}` }]);
      await repo.recordFollowUp(edb, live.id, body.followedUpOn, body.stillEmployed, note);
      if (!body.stillEmployed) {
        await repo.endPlacement(edb, live.id, body.followedUpOn, note!);
        await moveTo(edb, actor, s, 'left', body.followedUpOn, `回访：${note}`);
      }
      return {
        followUp: {
          placementId: live.id,
          followedUpOn: body.followedUpOn,
          stillEmployed: body.stillEmployed,
          followUpNote: note,
        },
      };
    });
    return seekerService.get(db, actor, id);
  },

  async countOverdue(db: PlatformDb, scope: Parameters<typeof repo.countOverdue>[1]): Promise<number> {
    return repo.countOverdue(employmentDb(db), scope, today());
  },
};
