import type { Kysely } from 'kysely';
import {
  caseStatusLabels,
  caseTypeLabels,
  type LinkSeekerCaseBody,
  type SeekerCases,
} from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, invalid } from '../../../platform/http/errors.ts';
import { recordLinkService } from '../../../platform/links/record-link.service.ts';
import { assistanceLookups } from '../../assistance/index.ts';
import { employmentDb } from '../employment.definitions.ts';
import { seekerRepository as repo } from './seeker.repository.ts';
import { seekerService } from './seeker.service.ts';

type Db = Kysely<Database>;
/** The centre's function that a seeker's record answers: job referral and training (职业介绍和培训). */
const JOB_REFERRAL = 'employment';
const seekerRef = (id: number) => ({ type: 'job_seeker', id });

/**
 * A seeker and the one-stop assistance centre: the centre's cases of the same person (found by their
 * resident ID's keyed hash, within the caller's scope), and the link of a job-referral case to the
 * seeker's record through the platform's cross-reference, which the case page shows too.
 */
export const seekerCaseService = {
  async casesOf(db: Db, actor: Actor, id: number): Promise<SeekerCases> {
    await seekerService.visible(db, actor, id);
    const hash = await repo.residentIdHash(employmentDb(db), id);
    const [{ cases }, links] = await Promise.all([
      assistanceLookups.ofPerson(db, actor, hash),
      recordLinkService.linksOf(db, actor, seekerRef(id)),
    ]);
    const linked = new Set(links.filter((l) => l.other.type === 'assistance_case').map((l) => l.other.id));
    return {
      items: cases.map((c) => ({
        id: c.id,
        number: c.number,
        type: c.type,
        typeLabel: caseTypeLabels[c.type],
        status: c.status,
        statusLabel: caseStatusLabels[c.status],
        subject: c.subject,
        receivedOn: c.receivedOn,
        handlingUnitName: c.handlingUnitName,
        linkable: c.type === JOB_REFERRAL,
        linked: linked.has(c.id),
      })),
    };
  },

  /** Links a job-referral case of the same person to the seeker's record; a case the caller cannot see is refused as missing. */
  async link(db: Db, actor: Actor, id: number, body: LinkSeekerCaseBody): Promise<SeekerCases> {
    const seeker = await seekerService.visible(db, actor, id);
    const { items } = await this.casesOf(db, actor, id);
    const found = items.find((c) => c.id === body.caseId);
    if (!found)
      throw invalid([{ field: 'caseId', message: '案件不存在，或不是此人在您管辖范围内的帮扶中心案件' }]);
    if (!found.linkable)
      throw invalid([
        {
          field: 'caseId',
          message: `只能关联「${caseTypeLabels[JOB_REFERRAL]}」类案件，此案件是「${found.typeLabel}」`,
        },
      ]);
    if (found.linked) throw conflict(`案件 ${found.number} 已经关联到此求职人员`);
    await recordLinkService.link(
      db,
      actor,
      seekerRef(id),
      { type: 'assistance_case', id: found.id },
      seeker.orgUnitPath,
      body.note ?? null,
    );
    return this.casesOf(db, actor, id);
  },
};
