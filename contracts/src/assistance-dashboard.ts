import { z } from 'zod';
import { orgLevels } from './orgs.ts';
import { caseTypes } from './assistance-types.ts';

// ——— The one-stop centre's figures (一站式服务中心统计) ———

const statusValues = ['received', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected'] as const;
const categoryValues = ['deep', 'relative', 'sudden', 'none'] as const;

export const assistanceDashboardQuery = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int('年度应为整数')
    .min(2000, '年度不能早于 2000 年')
    .max(2100, '年度不能晚于 2100 年')
    .optional(),
});

export const assistanceDashboard = z.object({
  year: z.number().int(),
  /** Cases received in the year, by type and whether still open. */
  byType: z.array(z.object({ type: z.enum(caseTypes), open: z.number().int(), closed: z.number().int() })),
  byStatus: z.array(z.object({ status: z.enum(statusValues), n: z.number().int() })),
  /** By the level of the unit handling the case now. */
  byLevel: z.array(z.object({ level: z.enum(orgLevels), n: z.number().int() })),
  /** Open cases past their due date (today), and those within the warning days. */
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  /** Median working days from receipt to closing, of the year's closed cases; null when none closed. */
  medianWorkingDays: z.number().nullable(),
  closedCount: z.number().int(),
  /** Money given in the year by fund and month, in fen. */
  paidByFundMonth: z.array(z.object({ fund: z.string(), month: z.string(), amountFen: z.number().int() })),
  /** Archives in force, by category. */
  archivesByCategory: z.array(z.object({ category: z.enum(categoryValues), n: z.number().int() })),
});
export type AssistanceDashboard = z.infer<typeof assistanceDashboard>;
