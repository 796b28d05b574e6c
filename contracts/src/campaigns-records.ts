import { z } from 'zod';
import { pageQuery } from './common.ts';
import {
  campaignCode,
  campaignCount,
  campaignDate,
  campaignId,
  campaignOptionalText,
  campaignQueryId,
  campaignText,
} from './campaigns-fields.ts';

// 主题活动: theme campaigns (such as a women workers' health month) and the events held in them or on their
// own, with the outputs each event counted. Not the 双帮双比 formation campaigns.

// ——— The configured lists: event types and the outputs each counts ———

/** One thing an event counts (宣传资料、横幅、筛查人次 …), with what exactly is counted. */
export const campaignOutput = z.object({
  code: z.string(),
  name: z.string(),
  /** The unit counted in: 份, 条, 人次 … */
  unit: z.string(),
  /** What is counted and what is not: shown as help on the event form. */
  definition: z.string(),
});
export type CampaignOutput = z.infer<typeof campaignOutput>;

export const campaignEventType = z.object({
  code: z.string(),
  name: z.string(),
  /** The outputs an event of this type may count, in their order. */
  outputs: z.array(z.string()),
  active: z.boolean(),
});
export type CampaignEventType = z.infer<typeof campaignEventType>;

export const campaignSettings = z.object({
  types: z.array(campaignEventType),
  outputs: z.array(campaignOutput),
  /** Whether the caller may change the lists (the city's administrators). */
  mayConfigure: z.boolean(),
});
export type CampaignSettings = z.infer<typeof campaignSettings>;

export const campaignOutputBody = z.object({
  name: campaignText('统计项目名称', 2, 20),
  unit: campaignText('计量单位', 1, 6),
  definition: campaignText('统计口径', 6, 300),
});
export type CampaignOutputBody = z.infer<typeof campaignOutputBody>;

export const campaignEventTypeBody = z.object({
  name: campaignText('活动类型名称', 2, 20),
  outputs: z
    .array(campaignCode('统计项目'), { error: '统计项目应为列表' })
    .max(20, '一个活动类型最多 20 个统计项目'),
  active: z.boolean({ error: '是否启用应为是或否' }).default(true),
});
export type CampaignEventTypeBody = z.infer<typeof campaignEventTypeBody>;
export const campaignCodeParam = z.object({ code: campaignCode('代码') });

// ——— Campaigns ———

export const campaignUnit = z.object({ id: z.number().int(), name: z.string() });

export const campaign = z.object({
  id: z.number().int(),
  theme: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  description: z.string().nullable(),
  /** The units it runs over; the organising unit alone means its whole subtree. */
  territory: z.array(campaignUnit),
  /** Events of the campaign within the caller's scope, and the people they reached. */
  events: z.number().int(),
  participants: z.number().int(),
  /** The organising unit lies in the caller's scope: they may change the campaign. */
  mayEdit: z.boolean(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof campaign>;

export const createCampaignBody = z.object({
  theme: campaignText('活动主题', 2, 60),
  startsOn: campaignDate('开始日期'),
  endsOn: campaignDate('结束日期'),
  orgUnitId: campaignId('主办单位编号'),
  /** Chosen units of the territory; none means the organising unit's whole subtree. */
  territoryUnitIds: z
    .array(campaignId('活动范围单位编号'), { error: '活动范围应为单位列表' })
    .max(200, '活动范围最多选择 200 个单位')
    .optional(),
  description: campaignOptionalText('活动说明', 1000),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z.object({
  theme: campaignText('活动主题', 2, 60).optional(),
  startsOn: campaignDate('开始日期').optional(),
  endsOn: campaignDate('结束日期').optional(),
  description: campaignOptionalText('活动说明', 1000),
});
export type UpdateCampaignBody = z.infer<typeof updateCampaignBody>;

const periodFilter = {
  from: campaignDate('起始日期').optional(),
  to: campaignDate('截止日期').optional(),
};

export const campaignFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  ...periodFilter,
  orgUnitId: campaignQueryId('单位编号').optional(),
});
export type CampaignFilter = z.infer<typeof campaignFilterQuery>;
export const campaignSorts = ['startsOn', 'theme'] as const;
export type CampaignSort = (typeof campaignSorts)[number];
export const listCampaignsQuery = pageQuery.extend({
  ...campaignFilterQuery.shape,
  sort: z.enum(campaignSorts, { error: '排序字段不正确' }).default('startsOn'),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('desc'),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

// ——— Events ———

export const eventOutputCount = z.object({
  code: campaignCode('统计项目'),
  count: campaignCount('统计数'),
});
export type EventOutputCount = z.infer<typeof eventOutputCount>;

export const campaignEvent = z.object({
  id: z.number().int(),
  campaignId: z.number().int().nullable(),
  campaignTheme: z.string().nullable(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  employerId: z.number().int().nullable(),
  employerName: z.string().nullable(),
  participants: z.number().int(),
  outputs: z.array(z.object({ code: z.string(), count: z.number().int() })),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CampaignEvent = z.infer<typeof campaignEvent>;

const eventFields = {
  typeCode: campaignCode('活动类型'),
  title: campaignText('活动名称', 2, 60),
  heldOn: campaignDate('活动日期'),
  place: campaignOptionalText('活动地点', 100),
  employerId: campaignId('承办企业编号').nullable().optional(),
  participants: campaignCount('参加人数'),
  outputs: z.array(eventOutputCount, { error: '统计项目应为列表' }).max(20, '统计项目最多 20 项').default([]),
  note: campaignOptionalText('备注', 500),
};

export const createCampaignEventBody = z.object({
  /** The campaign it belongs to; none for an event on its own. */
  campaignId: campaignId('主题活动编号').nullable().optional(),
  orgUnitId: campaignId('举办单位编号'),
  ...eventFields,
});
export type CreateCampaignEventBody = z.infer<typeof createCampaignEventBody>;
export const updateCampaignEventBody = z.object(eventFields);
export type UpdateCampaignEventBody = z.infer<typeof updateCampaignEventBody>;

export const campaignEventFilterQuery = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  campaignId: campaignQueryId('主题活动编号').optional(),
  /** Only the events held outside any campaign. */
  standalone: z
    .enum(['true', 'false'], { error: '是否只看独立活动应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  typeCode: campaignCode('活动类型').optional(),
  orgUnitId: campaignQueryId('单位编号').optional(),
  ...periodFilter,
});
export type CampaignEventFilter = z.infer<typeof campaignEventFilterQuery>;
export const campaignEventSorts = ['heldOn', 'participants'] as const;
export type CampaignEventSort = (typeof campaignEventSorts)[number];
export const listCampaignEventsQuery = pageQuery.extend({
  ...campaignEventFilterQuery.shape,
  sort: z.enum(campaignEventSorts, { error: '排序字段不正确' }).default('heldOn'),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('desc'),
});
export type ListCampaignEventsQuery = z.infer<typeof listCampaignEventsQuery>;

// ——— Roll-up ———

export const campaignRollupQuery = z.object({
  ...periodFilter,
  campaignId: campaignQueryId('主题活动编号').optional(),
  typeCode: campaignCode('活动类型').optional(),
  orgUnitId: campaignQueryId('单位编号').optional(),
});
export type CampaignRollupQuery = z.infer<typeof campaignRollupQuery>;

const figures = {
  events: z.number().int(),
  participants: z.number().int(),
  /** Each output's total, by its code. */
  outputs: z.record(z.string(), z.number().int()),
};

export const campaignRollupRow = z.object({
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  /** The events of the unit the roll-up is for itself, not of a unit below it. */
  own: z.boolean(),
  ...figures,
});
export type CampaignRollupRow = z.infer<typeof campaignRollupRow>;

export const campaignRollup = z.object({
  unit: campaignUnit,
  /** The outputs the figures count, in the configured order. */
  outputs: z.array(campaignOutput),
  totals: z.object(figures),
  /** One row per unit directly below (and the unit itself when it held events), events counted. */
  rows: z.array(campaignRollupRow),
  /** Events and participants by month of the period, for the chart. */
  months: z.array(z.object({ month: z.string(), ...figures })),
});
export type CampaignRollup = z.infer<typeof campaignRollup>;
