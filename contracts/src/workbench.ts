import { z } from 'zod';
import { orgUnit } from './orgs.ts';
import { auditEntry } from './audit.ts';

/** One figure a module puts on the workbench: what it counts in the caller's scope, and where it leads. */
export const workbenchCounter = z.object({
  /** Stable key; the card's test id is `count-<key>`. */
  key: z.string(),
  title: z.string(),
  value: z.number().int(),
  /** The measure word after the figure: 个, 人, 件, 份 … */
  suffix: z.string(),
  /** The web page a click opens, with its filters. */
  link: z.string().nullable(),
  /** A line under the figure saying what a click shows. */
  note: z.string().nullable(),
});
export type WorkbenchCounter = z.infer<typeof workbenchCounter>;

/** The workbench's query: its activity feed leaves out sign-ins unless `logins=true`. */
export const workbenchQuery = z.object({
  logins: z
    .enum(['true', 'false'], { error: 'logins 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
});

export const workbench = z.object({
  orgUnit,
  counts: z.object({ childUnits: z.number().int(), subtreeUnits: z.number().int(), users: z.number().int() }),
  /** The modules' figures the caller's role may see, in the order of the module list. */
  counters: z.array(workbenchCounter),
  recentAudit: z.array(auditEntry),
});
export type Workbench = z.infer<typeof workbench>;
