import type { Kysely } from 'kysely';
import type {
  CreateFairBody,
  CreatePositionBody,
  CreateSeekerBody,
  FairDetail,
  Position,
  SeekerDetail,
} from '@gonghui/contracts';
import dayjs from 'dayjs';
import type { Database } from '../../src/db/schema.ts';
import { employmentServices } from '../../src/modules/employment/index.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { nextResidentId } from '../members-fixtures.ts';

/**
 * Employment factories: a fair, an employer at it, a position and a seeker, made through the module's
 * services as a union of the given unit would (so every row is checked and audited).
 */
type Db = Kysely<Database>;
let serial = 0;
const next = () => ++serial;
const chinese = (n: number) => String(n).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);

export async function buildFair(
  db: Db,
  o: Partial<CreateFairBody> & { orgUnitId: number },
): Promise<FairDetail> {
  return employmentServices.fairs.create(db, systemActor(o.orgUnitId, 'test'), {
    title: `测试招聘会${next()}`,
    category: 'general',
    heldOn: dayjs().subtract(30, 'day').format('YYYY-MM-DD'),
    venue: '市职工服务中心',
    note: null,
    ...o,
  });
}

/** A fair with one employer of the register and one position, ready for seekers. */
export async function buildFairWithPosition(
  db: Db,
  o: {
    orgUnitId: number;
    employerId: number;
    fair?: Partial<CreateFairBody>;
    position?: Partial<CreatePositionBody>;
  },
): Promise<{ fair: FairDetail; position: Position }> {
  const actor = systemActor(o.orgUnitId, 'test');
  const created = await buildFair(db, { orgUnitId: o.orgUnitId, ...o.fair });
  const fair = await employmentServices.fairs.addEmployer(db, actor, created.id, {
    employerId: o.employerId,
    booth: `A${next()}`,
  });
  const position = await employmentServices.fairs.createPosition(db, actor, {
    fairEmployerId: fair.employers[0].id,
    title: '家政服务员',
    jobCategory: 'domestic',
    openings: 3,
    payMinFen: 400000,
    payMaxFen: 600000,
    requirements: null,
    skills: ['育婴'],
    suitability: ['women', 'laid_off'],
    ...o.position,
  });
  return { fair: await employmentServices.fairs.get(db, actor, fair.id), position };
}

export async function buildSeeker(
  db: Db,
  o: Partial<CreateSeekerBody> & { orgUnitId: number },
): Promise<SeekerDetail> {
  return employmentServices.seekers.register(db, systemActor(o.orgUnitId, 'test'), {
    name: `测试求职者${chinese(next())}`,
    residentId: nextResidentId(),
    phone: null,
    situation: 'laid_off',
    skills: ['育婴'],
    wishedCategories: ['domestic'],
    wishedPayMinFen: 450000,
    wishes: null,
    registeredVia: 'office',
    fairId: null,
    registeredOn: '2026-04-01',
    ...o,
  });
}
