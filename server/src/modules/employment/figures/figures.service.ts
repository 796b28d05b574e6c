import type { Kysely } from 'kysely';
import { programmeLabels, type EmploymentFigures, type FigureSet } from '@gonghui/contracts';
import type { Database } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { orgRepository } from '../../../platform/orgs/org.repository.ts';
import { narrowScope, scopeOf } from '../../../platform/scope.ts';
import { employmentDb } from '../employment.definitions.ts';
import { figuresRepository as repo } from './figures.repository.ts';

/** A count the way a bulletin rounds it: 4,213 → 「4000余」, 236 → 「200余」, 37 → 「37」. */
export function bulletinCount(n: number): string {
  if (n >= 1000) return `${Math.floor(n / 1000) * 1000}余`;
  if (n >= 100) return `${Math.floor(n / 100) * 100}余`;
  return String(n);
}

/** The year's sentences of the kind the work bulletin prints, from the figures. */
export function bulletinSentences(year: number, name: string, f: FigureSet): string[] {
  const out: string[] = [];
  if (f.trained > 0) {
    const share = f.trainedPlaced / f.trained;
    const most = share > 0.5 ? '，大部分已实现就业' : '';
    out.push(
      `${year}年${name}共培训求职人员${bulletinCount(f.trained)}人，其中${f.trainedPlaced}人已就业（${Math.round(share * 100)}%）${most}。`,
    );
  }
  if (f.laidOffPlaced > 0)
    out.push(`${year}年${name}帮助${bulletinCount(f.laidOffPlaced)}名下岗失业人员实现再就业。`);
  if (f.placed > 0) out.push(`全年推荐就业${f.placed}人，颁发培训证书${f.certified}本。`);
  if (f.followedUp > 0) out.push(`就业满三个月回访${f.followedUp}人，其中${f.stillEmployed}人仍在岗。`);
  return out;
}

export const figuresService = {
  /** The employment dashboard's yearly figures for the caller's unit (or one below it) and its units below. */
  async year(
    db: Kysely<Database>,
    actor: Actor,
    q: { year?: number; orgUnitId?: number },
  ): Promise<EmploymentFigures> {
    const edb = employmentDb(db);
    const scope = await scopeOf(db, actor);
    const unit = await orgRepository.findAt(db, q.orgUnitId ?? actor.orgUnitId, today(), scope);
    if (!unit) throw notFound('组织');
    const narrowed = narrowScope(scope, unit.path);
    const year = q.year ?? Number(today().slice(0, 4));
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [total, byUnit, byProgramme] = await Promise.all([
      repo.total(edb, narrowed, from, to),
      repo.byChild(edb, narrowed, unit.id, from, to),
      repo.byProgramme(edb, narrowed, from, to),
    ]);
    const sentences = bulletinSentences(year, unit.name, total);
    for (const p of byProgramme)
      if (p.trained > 0)
        sentences.push(
          `其中${programmeLabels[p.programme]}${bulletinCount(p.trained)}人，${p.trainedPlaced}人已就业。`,
        );
    return { year, orgUnitName: unit.name, total, byProgramme, byUnit, sentences };
  },
};
