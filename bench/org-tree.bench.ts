import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import { orgRepository } from '../server/src/platform/orgs/org.repository.ts';
import { report, time } from './stats.ts';
import { narrowScope, Scope } from '../server/src/platform/scope.ts';

const DATE = '2020-01-01';

/** A synthetic tree: 1 city, 20 districts, 25 towns each, 20 villages each, 9 enterprises each (100,521 units). */
async function buildTree(db: Kysely<Database>) {
  const shape = [20, 25, 20, 9];
  const levels = ['county', 'town', 'village', 'enterprise'] as const;
  const root = await orgRepository.insertUnits(db, [
    {
      kind: 'federation',
      level: 'city',
      jointType: null,
      divisionCode: 'c',
      name: '基准市总工会',
      nameInitials: 'jzs',
      parent: null,
      validFrom: DATE,
    },
  ]);
  let parents = [{ code: 'c', ...root.get('c')! }];
  for (let depth = 0; depth < shape.length; depth++) {
    const units = parents.flatMap((p) =>
      Array.from({ length: shape[depth] }, (_, i) => ({
        kind: depth === 3 ? ('grassroots_union' as const) : ('federation' as const),
        level: levels[depth],
        jointType: null,
        divisionCode: `${p.code}.${i}`,
        name: `基准工会${p.code}.${i}`,
        nameInitials: 'jzgh',
        parent: p,
        validFrom: DATE,
      })),
    );
    const placed = await orgRepository.insertUnits(db, units);
    parents = units.map((u) => ({ code: u.divisionCode, ...placed.get(u.divisionCode)! }));
  }
  await sql`analyze`.execute(db);
  return { leaves: parents };
}

/** Subtree and ancestor queries by materialised path, against recursive CTEs over parent links. */
export async function benchOrgTree(db: Kysely<Database>) {
  const started = Date.now();
  const { leaves } = await buildTree(db);
  const total = await orgRepository.countSubtreeAt(db, Scope.everywhere, DATE);
  console.log(
    `org tree: ${total.toLocaleString('en-US')} units built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const district = (await orgRepository.findManyAt(db, [2], DATE, Scope.everywhere))[0];
  const viaPath = await time(30, () =>
    orgRepository.countSubtreeAt(db, narrowScope(Scope.everywhere, district.path), DATE),
  );
  const viaCte = await time(30, () =>
    sql`
      with recursive sub as (
        select org_unit_id from org_unit_version
        where org_unit_id = ${district.id} and valid_from <= ${DATE} and (valid_to is null or valid_to > ${DATE})
        union all
        select v.org_unit_id from org_unit_version v join sub on v.parent_id = sub.org_unit_id
        where v.valid_from <= ${DATE} and (v.valid_to is null or v.valid_to > ${DATE})
      ) select count(*) from sub`.execute(db),
  );
  report(
    `subtree of one district (${(await orgRepository.countSubtreeAt(db, narrowScope(Scope.everywhere, district.path), DATE)).toLocaleString('en-US')} units): count`,
    viaPath,
    viaCte,
  );

  const leaf = leaves[Math.floor(leaves.length / 2)];
  const ancestorIds = leaf.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  const ancestorsPath = await time(50, () =>
    db
      .selectFrom('org_unit_version')
      .select(['org_unit_id', 'name', 'path', 'depth'])
      .where('org_unit_id', 'in', ancestorIds)
      .where('valid_from', '<=', DATE)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', DATE)]))
      .execute(),
  );
  const ancestorsCte = await time(50, () =>
    sql`
      with recursive up as (
        select org_unit_id, parent_id, name, path, depth from org_unit_version
        where org_unit_id = ${ancestorIds[ancestorIds.length - 1]} and valid_from <= ${DATE} and (valid_to is null or valid_to > ${DATE})
        union all
        select v.org_unit_id, v.parent_id, v.name, v.path, v.depth from org_unit_version v join up on v.org_unit_id = up.parent_id
        where v.valid_from <= ${DATE} and (v.valid_to is null or v.valid_to > ${DATE})
      ) select org_unit_id, name, path, depth from up`.execute(db),
  );
  report('ancestors of one enterprise union (id, name, path of each)', ancestorsPath, ancestorsCte);
}
