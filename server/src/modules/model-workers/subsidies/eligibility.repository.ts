import { sql } from 'kysely';
import type { SubsidyPeriod } from '@gonghui/contracts';
import { inScope, type Scope } from '../../../platform/scope.ts';
import type { Db } from '../model-workers.definitions.ts';

/** What a roll is generated for: the issuing unit's rules, its subtree's workers, a period's start. */
export interface RollBasis {
  rollId: number;
  /** The unit whose rules apply. */
  orgUnitId: number;
  /** Its subtree, within the caller's scope: whose workers are paid. */
  subtree: Scope;
  per: SubsidyPeriod;
  periodStart: string;
}

/**
 * Who the rules give for a period, one row per recipient: every living model worker of the subtree whose
 * level and situation a rule of the unit matches, under the newest version of that rule valid on the
 * period's first day (the best paid when several match, the lowest version id on a tie). One statement,
 * so a preview and an approval read the same thing and the approval can insert it as it reads it.
 */
export function eligibleSql(b: RollBasis) {
  return sql<{
    roll_id: number;
    worker_id: number;
    rule_version_id: number;
    amount_fen: number;
  }>`
    with rv as (
      select distinct on (x.rule_id) x.id, x.level, x.condition, x.amount_fen
      from subsidy_rule_version x
      join subsidy_rule r on r.id = x.rule_id
      where r.org_unit_id = ${b.orgUnitId}
        and x.per = ${b.per}
        and x.valid_from <= ${b.periodStart}::date
        and (x.valid_to is null or x.valid_to > ${b.periodStart}::date)
      order by x.rule_id, x.version desc
    )
    select distinct on (w.id) ${b.rollId}::int as roll_id, w.id as worker_id,
      rv.id as rule_version_id, rv.amount_fen
    from model_worker w
    join org_unit u on u.id = w.org_unit_id
    join org_unit_version v on v.org_unit_id = w.org_unit_id and (v.valid_to is null or v.valid_to = u.closed_on)
    join rv on rv.level = w.level
      and (rv.condition = 'any'
        or (rv.condition = 'retired' and w.status = 'retired')
        or (rv.condition = 'hardship' and w.hardship)
        or (rv.condition = 'retired_hardship' and w.status = 'retired' and w.hardship))
    where w.status <> 'deceased' and ${inScope('v.path', b.subtree)}
    order by w.id, rv.amount_fen desc, rv.id`;
}

export const eligibilityRepository = {
  /** Stores the rules' answer as the roll's preview (replacing an earlier one). */
  async storePreview(db: Db, b: RollBasis) {
    await db.deleteFrom('subsidy_roll_preview').where('roll_id', '=', b.rollId).execute();
    await sql`insert into subsidy_roll_preview (roll_id, worker_id, rule_version_id, amount_fen)
      ${eligibleSql(b)}`.execute(db);
  },

  /**
   * The difference between the stored preview and the rules' answer now: who was added, who no longer
   * qualifies, and whose amount changed.
   */
  async changesSincePreview(db: Db, b: RollBasis) {
    const r = await sql<{
      worker_id: number;
      name: string;
      before: number | null;
      after: number | null;
    }>`
      with now_ as (${eligibleSql(b)}),
      before_ as (select worker_id, amount_fen from subsidy_roll_preview where roll_id = ${b.rollId})
      select coalesce(n.worker_id, p.worker_id) as worker_id, w.name,
        p.amount_fen as before, n.amount_fen as after
      from now_ n
      full join before_ p on p.worker_id = n.worker_id
      join model_worker w on w.id = coalesce(n.worker_id, p.worker_id)
      where n.worker_id is null or p.worker_id is null or n.amount_fen <> p.amount_fen
      order by 1`.execute(db);
    return r.rows.map((c) => ({
      workerId: c.worker_id,
      name: c.name,
      change:
        c.before === null
          ? ('added' as const)
          : c.after === null
            ? ('removed' as const)
            : ('amount' as const),
      before: c.before,
      after: c.after,
    }));
  },

  /** Freezes the lines of an approval: the rules' answer now, with each worker's name, unit and account. */
  async insertLines(db: Db, b: RollBasis) {
    await sql`
      insert into subsidy_roll_line (roll_id, worker_id, rule_version_id, amount_fen, name, org_unit_id,
        level, status, hardship, bank_name, bank_account_cipher, bank_account_tail)
      select e.roll_id, e.worker_id, e.rule_version_id, e.amount_fen, w.name, w.org_unit_id,
        w.level, w.status, w.hardship, w.bank_name, w.bank_account_cipher, w.bank_account_tail
      from (${eligibleSql(b)}) e
      join model_worker w on w.id = e.worker_id`.execute(db);
  },
};
