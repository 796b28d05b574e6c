import type { Kysely, Transaction } from 'kysely';
import { agreementScanExtensions } from '@gonghui/contracts';
import type {
  Agreement,
  AgreementDetail,
  AgreementEmployersBody,
  AgreementEmployersResult,
  AgreementFilter,
  AgreementKind,
  CreateAgreementBody,
  FieldIssue,
  ListAgreementsQuery,
  Page,
  UpdateAgreementBody,
} from '@gonghui/contracts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { attachmentService } from '../../platform/attachments/attachment.service.ts';
import { audit } from '../../platform/audit/audit.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { today } from '../../platform/orgs/dates.ts';
import { orgRepository } from '../../platform/orgs/org.repository.ts';
import { scopeOf } from '../../platform/scope.ts';
import { scopeUnderUnit } from '../../platform/orgs/unit-scope.ts';
import { tallyRepository } from '../indicators/index.ts';
import { agreementRepository as repo, type AgreementRow } from './agreement.repository.ts';
import { presentAgreement, presentCoveredEmployer } from './agreement.presenter.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
const AGREEMENT = '集体合同';
/** 《集体合同规定》第三十八条: a term is generally one to three years. */
const MAX_TERM_YEARS = 3;

/** The last day of a term of `years` years starting on `start`. */
export function termEnd(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d) - 86400000).toISOString().slice(0, 10);
}

interface Terms {
  signedOn: string;
  startsOn: string;
  endsOn: string;
  filedOn: string | null;
}

function termIssues(t: Terms): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const now = today();
  if (t.signedOn > now) issues.push({ field: 'signedOn', message: '签订日期不能晚于今天' });
  if (t.startsOn < t.signedOn)
    issues.push({ field: 'startsOn', message: `生效日期不能早于签订日期 ${t.signedOn}` });
  if (t.endsOn < t.startsOn)
    issues.push({ field: 'endsOn', message: `期满日期不能早于生效日期 ${t.startsOn}` });
  else if (t.endsOn > termEnd(t.startsOn, MAX_TERM_YEARS)) {
    issues.push({
      field: 'endsOn',
      message: `集体合同期限一般为 1 至 3 年，期满日期最晚为 ${termEnd(t.startsOn, MAX_TERM_YEARS)}`,
    });
  }
  if (t.filedOn !== null && t.filedOn < t.signedOn)
    issues.push({ field: 'filedOn', message: `备案日期不能早于签订日期 ${t.signedOn}` });
  if (t.filedOn !== null && t.filedOn > now)
    issues.push({ field: 'filedOn', message: '备案日期不能晚于今天' });
  return issues;
}

async function visible(db: Db | Trx, actor: Actor, id: number): Promise<AgreementRow> {
  const a = await repo.find(db, id, await scopeOf(db, actor));
  if (!a) throw notFound(AGREEMENT);
  return a;
}

/** The kind of record an agreement's scans are kept with in the platform's file store. */
const SCAN_OWNER = 'collective_agreement';

async function detail(db: Db | Trx, actor: Actor, a: AgreementRow): Promise<AgreementDetail> {
  const [employers, scans] = await Promise.all([
    repo.employers(db, [a.id]),
    attachmentService.list(db, actor, SCAN_OWNER, a.id),
  ]);
  return { ...presentAgreement(a), employers: employers.map(presentCoveredEmployer), scans };
}

interface Signer {
  id: number;
  name: string;
  path: string;
}

/**
 * Checks that employers may be covered: open and inside the caller's scope; for an enterprise or regional
 * agreement also inside the signing union's territory (an enterprise's own union counts as its territory).
 */
async function coverable(trx: Trx, actor: Actor, kind: AgreementKind, signer: Signer, ids: number[]) {
  const found = new Map(
    (await repo.openEmployersUnder(trx, ids, await scopeOf(trx, actor), today())).map((e) => [e.id, e]),
  );
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    const e = found.get(id);
    const field = `employerIds.${i}`;
    if (!e) {
      issues.push({ field, message: `第 ${i + 1} 家单位不存在、已注销或不在您的管辖范围内` });
    } else if (kind !== 'industry' && !e.path.startsWith(signer.path) && e.grassrootsUnionId !== signer.id) {
      issues.push({ field, message: `「${e.name}」不在签约工会（${signer.name}）的区域内` });
    }
  });
  if (issues.length > 0) throw invalid(issues.slice(0, 20));
}

export const agreementService = {
  async list(db: Db, actor: Actor, q: ListAgreementsQuery): Promise<Page<Agreement>> {
    const scope = await scopeUnderUnit(db, actor, q.orgUnitId);
    const page = await repo.list(db, scope, q, q);
    return { ...page, items: page.items.map(presentAgreement) };
  },

  /** Every row of a filtered list with the employers each covers, for an export. */
  async all(db: Db, actor: Actor, f: AgreementFilter) {
    const rows = await repo.all(db, await scopeUnderUnit(db, actor, f.orgUnitId), f);
    const names = new Map<number, string[]>();
    for (let i = 0; i < rows.length; i += 1000) {
      for (const e of await repo.employers(
        db,
        rows.slice(i, i + 1000).map((r) => r.id),
      )) {
        names.set(e.agreementId, [...(names.get(e.agreementId) ?? []), e.name]);
      }
    }
    return rows.map((r) => ({ ...presentAgreement(r), employerNames: names.get(r.id) ?? [] }));
  },

  async get(db: Db, actor: Actor, id: number): Promise<AgreementDetail> {
    return detail(db, actor, await visible(db, actor, id));
  },

  /**
   * Keeps a scan of the signed contract (PDF or image; the store checks its bytes and size and audits it)
   * with the agreement, under the signing union's unit, so whoever may read the agreement may download it.
   */
  async attachScan(
    db: Db,
    actor: Actor,
    id: number,
    fileName: string,
    content: Buffer,
  ): Promise<AgreementDetail> {
    const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
    if (!(agreementScanExtensions as readonly string[]).includes(extension))
      throw invalid([{ field: 'fileName', message: '合同扫描件只能是 PDF 或图片（.pdf、.jpg、.png）' }]);
    return db.transaction().execute(async (trx) => {
      const a = await visible(trx, actor, id);
      await attachmentService.store(
        trx,
        actor,
        { type: SCAN_OWNER, id: a.id, scopePath: a.orgUnitPath },
        fileName,
        content,
      );
      return detail(trx, actor, a);
    });
  },

  async create(db: Db, actor: Actor, body: CreateAgreementBody): Promise<AgreementDetail> {
    const filedOn = body.filedOn ?? null;
    const issues = termIssues({ ...body, filedOn });
    if (body.kind === 'enterprise' && body.employerIds.length !== 1)
      issues.push({ field: 'employerIds', message: '企业集体合同只覆盖一家单位' });
    if (issues.length > 0) throw invalid(issues);
    return db.transaction().execute(async (trx) => {
      const unit = await orgRepository.findAt(trx, body.orgUnitId, today(), await scopeOf(trx, actor));
      if (!unit) throw invalid([{ field: 'orgUnitId', message: '签约工会不存在或不在您的管辖范围内' }]);
      if (unit.closedOn) throw invalid([{ field: 'orgUnitId', message: `签约工会「${unit.name}」已撤销` }]);
      if (body.kind !== 'enterprise' && unit.kind === 'grassroots_union') {
        throw invalid([
          { field: 'orgUnitId', message: '区域性、行业性集体合同应由镇（街道）、村（社区）或行业工会签订' },
        ]);
      }
      const employerIds = [...new Set(body.employerIds)];
      await coverable(trx, actor, body.kind, unit, employerIds);
      const id = await repo.insert(trx, {
        kind: body.kind,
        wage_specific: body.wageSpecific,
        title: body.title,
        org_unit_id: unit.id,
        signed_on: body.signedOn,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        raise_bp: body.raiseBp ?? null,
        minimum_wage_fen: body.minimumWageFen ?? null,
        filed_on: filedOn,
        note: body.note ?? null,
        created_by: actor.userId > 0 ? actor.userId : null,
      });
      await repo.addEmployers(trx, id, employerIds);
      await tallyRepository.rebuildForEmployers(trx, employerIds);
      const created = await detail(trx, actor, await visible(trx, actor, id));
      // A new agreement has no scans yet; each one added later is an entry of its own.
      const { scans: _scans, ...recorded } = created;
      await audit(trx, actor, {
        action: 'agreement.create',
        entityType: 'collective_agreement',
        entityId: id,
        scopePath: unit.path,
        after: recorded,
      });
      return created;
    });
  },

  async update(db: Db, actor: Actor, id: number, body: UpdateAgreementBody): Promise<AgreementDetail> {
    return db.transaction().execute(async (trx) => {
      const before = await visible(trx, actor, id);
      const terms = {
        signedOn: body.signedOn ?? before.signedOn,
        startsOn: body.startsOn ?? before.startsOn,
        endsOn: body.endsOn ?? before.endsOn,
        filedOn: body.filedOn === undefined ? before.filedOn : body.filedOn,
      };
      const issues = termIssues(terms);
      if (issues.length > 0) throw invalid(issues);
      await repo.update(trx, id, {
        title: body.title,
        wage_specific: body.wageSpecific,
        signed_on: terms.signedOn,
        starts_on: terms.startsOn,
        ends_on: terms.endsOn,
        raise_bp: body.raiseBp,
        minimum_wage_fen: body.minimumWageFen,
        filed_on: terms.filedOn,
        note: body.note,
      });
      const coverageChanged =
        terms.startsOn !== before.startsOn ||
        terms.endsOn !== before.endsOn ||
        (body.wageSpecific !== undefined && body.wageSpecific !== before.wageSpecific);
      if (coverageChanged) await tallyRepository.rebuildForEmployers(trx, await repo.employerIds(trx, id));
      const after = await visible(trx, actor, id);
      await audit(trx, actor, {
        action: 'agreement.update',
        entityType: 'collective_agreement',
        entityId: id,
        scopePath: before.orgUnitPath,
        before: presentAgreement(before),
        after: presentAgreement(after),
      });
      return detail(trx, actor, after);
    });
  },

  /** Adds covered employers; an enterprise agreement covers exactly one. */
  async addEmployers(
    db: Db,
    actor: Actor,
    id: number,
    body: AgreementEmployersBody,
  ): Promise<AgreementEmployersResult> {
    return db.transaction().execute(async (trx) => {
      const a = await visible(trx, actor, id);
      const ids = [...new Set(body.employerIds)];
      const current = await repo.employerIds(trx, id);
      const fresh = ids.filter((e) => !current.includes(e));
      if (a.kind === 'enterprise' && current.length + fresh.length > 1) {
        throw invalid([{ field: 'employerIds', message: '企业集体合同只覆盖一家单位' }]);
      }
      const signer = { id: a.orgUnitId, name: a.orgUnitName, path: a.orgUnitPath };
      await coverable(trx, actor, a.kind, signer, body.employerIds);
      const added = await repo.addEmployers(trx, id, fresh);
      if (added.length > 0) {
        await repo.touch(trx, id);
        await tallyRepository.rebuildForEmployers(trx, added);
        await audit(trx, actor, {
          action: 'agreement.add_employers',
          entityType: 'collective_agreement',
          entityId: id,
          scopePath: a.orgUnitPath,
          before: { title: a.title, employerIds: current },
          after: { title: a.title, employerIds: [...current, ...added].sort((x, y) => x - y), added },
        });
      }
      return {
        changed: added.length,
        unchanged: ids.length - added.length,
        agreement: await detail(trx, actor, await visible(trx, actor, id)),
      };
    });
  },

  /** Removes covered employers; an agreement keeps at least one. */
  async removeEmployers(
    db: Db,
    actor: Actor,
    id: number,
    body: AgreementEmployersBody,
  ): Promise<AgreementEmployersResult> {
    return db.transaction().execute(async (trx) => {
      const a = await visible(trx, actor, id);
      const current = await repo.employerIds(trx, id);
      const issues = body.employerIds
        .map((employerId, i) => ({ employerId, i }))
        .filter((x) => !current.includes(x.employerId))
        .slice(0, 20)
        .map(({ i }) => ({ field: `employerIds.${i}`, message: `第 ${i + 1} 家单位不在本合同的覆盖范围内` }));
      if (issues.length > 0) throw invalid(issues);
      const removed = [...new Set(body.employerIds)];
      if (removed.length >= current.length) {
        throw invalid([{ field: 'employerIds', message: '集体合同至少要覆盖一家单位，不能全部移除' }]);
      }
      await repo.removeEmployers(trx, id, removed);
      await repo.touch(trx, id);
      await tallyRepository.rebuildForEmployers(trx, removed);
      await audit(trx, actor, {
        action: 'agreement.remove_employers',
        entityType: 'collective_agreement',
        entityId: id,
        scopePath: a.orgUnitPath,
        before: { title: a.title, employerIds: current },
        after: { title: a.title, employerIds: current.filter((e) => !removed.includes(e)), removed },
      });
      return {
        changed: removed.length,
        unchanged: 0,
        agreement: await detail(trx, actor, await visible(trx, actor, id)),
      };
    });
  },
};
