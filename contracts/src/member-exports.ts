import { z } from 'zod';
import { EXPORT_KEEP_DAYS, exportJob, exportJobStatuses, type ExportJobStatus } from './exports.ts';
import { isoDate } from './common.ts';
import { listMembersQuery, memberAgeBands, memberStatuses } from './members.ts';

/** Days an export's file is kept; older exports are removed when a new one starts. */
export const MEMBER_EXPORT_KEEP_DAYS = EXPORT_KEEP_DAYS;

const recordId = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)
    .max(2147483647, `${label}过大`);

/** The member list's filters, as the export is asked for them: the same rows the list shows. */
export const startMemberExportBody = z.object({
  q: z.string({ error: '搜索词应为文字' }).trim().max(40, '搜索词最多 40 个字').optional(),
  orgUnitId: recordId('所属工会编号').optional(),
  employerId: recordId('工作单位编号').optional(),
  status: z.enum(memberStatuses, { error: '会籍状态不正确' }).optional(),
  migrantWorker: z.boolean({ error: '农民工筛选应为是或否' }).optional(),
  newEmploymentForm: z.boolean({ error: '新就业形态筛选应为是或否' }).optional(),
  gender: z.enum(['male', 'female'], { error: '性别应为男或女' }).optional(),
  ageBand: z.enum(memberAgeBands, { error: '年龄段不正确' }).optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
});
export type StartMemberExportBody = z.infer<typeof startMemberExportBody>;

/** The member list's filters as the query of `GET /api/members/export`: the file of exactly those rows. */
export const memberExportQuery = listMembersQuery.pick({
  q: true,
  orgUnitId: true,
  employerId: true,
  status: true,
  migrantWorker: true,
  newEmploymentForm: true,
  gender: true,
  ageBand: true,
  joinedFrom: true,
  joinedTo: true,
});
export type MemberExportQuery = z.infer<typeof memberExportQuery>;

/** A roster export is a platform export job (`/api/member-exports/{id}` reads the same record). */
export const memberExportStatuses = exportJobStatuses;
export type MemberExportStatus = ExportJobStatus;
export const memberExport = exportJob;
export type MemberExport = z.infer<typeof memberExport>;
