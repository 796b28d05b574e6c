import type { Kysely } from 'kysely';
import type { AssistanceCase, AssistanceGiven, HardshipArchive } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { scopeOf } from '../../../platform/scope.ts';
import { presentCase } from '../cases/case.presenter.ts';
import { caseRepository } from '../cases/case.repository.ts';
import { workerRepository } from '../cases/worker.repository.ts';
import { presentArchive } from '../hardship/hardship.service.ts';
import { hardshipRepository } from '../hardship/hardship.repository.ts';

type Db = Kysely<Database>;

/** What the one-stop centre holds of one person, as far as the caller may see it. */
export interface PersonAssistance {
  /** Their cases the caller's scope sees (a unit of the handling chain in it), oldest first. */
  cases: AssistanceCase[];
  /** Help recorded against those cases or against an archive of their household the caller keeps, newest first. */
  assistance: AssistanceGiven[];
}

/**
 * Read-only answers for other modules, each in the caller's scope: the same rule as the centre's own pages,
 * so nothing outside the caller's territory is ever named. People are found by their resident ID's keyed
 * lookup hash (`personalData().lookupHash('resident_id', id)`), never by the ID itself.
 */
export const assistanceLookups = {
  /** The cases and the help given to the person with this resident-ID hash that the caller may see. */
  async ofPerson(db: Db, actor: Actor, residentIdHash: Buffer): Promise<PersonAssistance> {
    const scope = await scopeOf(db, actor);
    const [person, archives] = await Promise.all([
      workerRepository.findByHash(db, residentIdHash),
      hardshipRepository.ofPerson(db, scope, residentIdHash),
    ]);
    const rows = person ? await caseRepository.ofWorker(db, scope, person.id, {}) : [];
    const [ofCases, ofArchives] = await Promise.all([
      hardshipRepository.givenForCases(
        db,
        rows.map((r) => r.id),
      ),
      hardshipRepository.givenForArchives(
        db,
        archives.map((a) => a.id),
      ),
    ]);
    const seen = new Set<number>();
    const assistance = [...ofCases, ...ofArchives]
      .filter((g) => (seen.has(g.id) ? false : (seen.add(g.id), true)))
      .sort((a, b) => String(b.givenOn).localeCompare(String(a.givenOn)) || b.id - a.id);
    const now = today();
    return { cases: rows.map((r) => presentCase(r, now)), assistance };
  },

  /** Whether the caller may see this case: false for one outside their scope exactly as for a missing one. */
  async caseVisible(db: Db, actor: Actor, caseId: number): Promise<boolean> {
    const scope = await scopeOf(db, actor);
    return (await caseRepository.find(db, caseId, scope)) !== undefined;
  },

  /**
   * The hardship archive the caller keeps of a household with this person in it (the one in force first,
   * then the newest), or null.
   */
  async archiveOfPerson(db: Db, actor: Actor, residentIdHash: Buffer): Promise<HardshipArchive | null> {
    const scope = await scopeOf(db, actor);
    const [found] = await hardshipRepository.ofPerson(db, scope, residentIdHash);
    return found ? presentArchive(found) : null;
  },
};
