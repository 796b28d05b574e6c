import type { CaseType, ClockRule, UpdateClockRuleBody } from '@gonghui/contracts';
import { withAssistance, type AppDb } from '../cases/case.definitions.ts';

const columns = [
  'case_type as type',
  'day_kind as dayKind',
  'accept_days as acceptDays',
  'handle_days as handleDays',
  'handle_from_receipt as handleFromReceipt',
  'extension_max_days as extensionMaxDays',
] as const;

/** The statutory clocks, one rule per case type, city-wide. */
export const clockRuleRepository = {
  async all(db: AppDb): Promise<ClockRule[]> {
    return withAssistance(db).selectFrom('case_clock_rule').select(columns).orderBy('case_type').execute();
  },

  async get(db: AppDb, type: CaseType): Promise<ClockRule> {
    return withAssistance(db)
      .selectFrom('case_clock_rule')
      .select(columns)
      .where('case_type', '=', type)
      .executeTakeFirstOrThrow();
  },

  async update(db: AppDb, type: CaseType, r: UpdateClockRuleBody) {
    await withAssistance(db)
      .updateTable('case_clock_rule')
      .set({
        day_kind: r.dayKind,
        accept_days: r.acceptDays,
        handle_days: r.handleDays,
        handle_from_receipt: r.handleFromReceipt,
        extension_max_days: r.extensionMaxDays,
      })
      .where('case_type', '=', type)
      .execute();
  },
};
