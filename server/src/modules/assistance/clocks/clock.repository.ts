import { caseTypes, type CaseType, type ClockRule, type UpdateClockRuleBody } from '@gonghui/contracts';
import { DEFAULT_CLOCK_RULES } from './clock.definitions.ts';
import { withAssistance, type AppDb } from '../cases/case.definitions.ts';

const columns = [
  'case_type as type',
  'day_kind as dayKind',
  'accept_days as acceptDays',
  'handle_days as handleDays',
  'handle_from_receipt as handleFromReceipt',
  'extension_max_days as extensionMaxDays',
] as const;

/** The statutory clocks, one rule per case type, city-wide: the default unless the city changed it. */
export const clockRuleRepository = {
  async all(db: AppDb): Promise<ClockRule[]> {
    const stored = new Map(
      (await withAssistance(db).selectFrom('case_clock_rule').select(columns).execute()).map((r) => [
        r.type,
        r,
      ]),
    );
    return caseTypes.map((t) => stored.get(t) ?? DEFAULT_CLOCK_RULES[t]);
  },

  async get(db: AppDb, type: CaseType): Promise<ClockRule> {
    const stored = await withAssistance(db)
      .selectFrom('case_clock_rule')
      .select(columns)
      .where('case_type', '=', type)
      .executeTakeFirst();
    return stored ?? DEFAULT_CLOCK_RULES[type];
  },

  async update(db: AppDb, type: CaseType, r: UpdateClockRuleBody) {
    const values = {
      day_kind: r.dayKind,
      accept_days: r.acceptDays,
      handle_days: r.handleDays,
      handle_from_receipt: r.handleFromReceipt,
      extension_max_days: r.extensionMaxDays,
    };
    await withAssistance(db)
      .insertInto('case_clock_rule')
      .values({ case_type: type, ...values })
      .onConflict((oc) => oc.column('case_type').doUpdateSet(values))
      .execute();
  },
};
