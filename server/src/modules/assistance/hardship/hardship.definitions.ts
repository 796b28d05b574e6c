import { HARDSHIP_RULE_VERSION, type HardshipCategory, type SuddenCause } from '@gonghui/contracts';

export interface HardshipInputs {
  /** Each member's annual income, in fen: together the household's disposable income. */
  memberIncomesFen: readonly number[];
  unavoidableExpenseFen: number;
  suddenCause: SuddenCause | null;
  /** The local minimum-living line (低保) that applies, per person and month, in fen. */
  lineMonthlyFen: number;
}

export interface HardshipResult {
  category: HardshipCategory;
  annualIncomeFen: number;
  householdSize: number;
  perCapitaMonthlyFen: number;
  ruleVersion: string;
}

/**
 * The category of a household from its stored inputs (rule 2026-1): per-capita income = (annual disposable
 * income − unavoidable expenses) ÷ 12 ÷ household size; below the line deep hardship, below twice it
 * relative hardship; otherwise, when a disaster, accident or serious illness is recorded, sudden hardship.
 * The comparisons are made on whole fen without dividing, so no rounding moves a household across a line.
 */
export function hardshipCategory(i: HardshipInputs): HardshipResult {
  const size = i.memberIncomesFen.length;
  const annualIncomeFen = i.memberIncomesFen.reduce((a, b) => a + b, 0);
  const net = annualIncomeFen - i.unavoidableExpenseFen;
  const yearlyLineOfHousehold = i.lineMonthlyFen * 12 * size;
  const category: HardshipCategory =
    net < yearlyLineOfHousehold
      ? 'deep'
      : net < 2 * yearlyLineOfHousehold
        ? 'relative'
        : i.suddenCause !== null
          ? 'sudden'
          : 'none';
  return {
    category,
    annualIncomeFen,
    householdSize: size,
    perCapitaMonthlyFen: Math.round(net / 12 / size),
    ruleVersion: HARDSHIP_RULE_VERSION,
  };
}
