import { z } from 'zod';
import type { AuditLabels, ModuleContract } from './module.ts';
import { isoDate } from './common.ts';

// 双帮双比: campaigns to form unions and party organisations in target employers (not the 主题活动
// campaigns and events of a later module).

export const formationCampaign = z.object({
  id: z.number().int(),
  name: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  description: z.string().nullable(),
});
export type FormationCampaign = z.infer<typeof formationCampaign>;
export const createFormationCampaignBody = z.object({
  name: z
    .string({ error: '请填写活动名称' })
    .trim()
    .min(2, '活动名称至少 2 个字')
    .max(60, '活动名称最多 60 个字'),
  orgUnitId: z.number({ error: '请选择活动范围' }).int().positive(),
  startedOn: isoDate,
  endedOn: isoDate.nullable().optional(),
  description: z.string().trim().max(1000, '说明最多 1000 个字').nullable().optional(),
});
export type CreateFormationCampaignBody = z.infer<typeof createFormationCampaignBody>;
export const formationCampaignEmployersBody = z.object({
  employerIds: z
    .array(z.number().int().positive())
    .min(1, '请至少选择一家单位')
    .max(1000, '一次最多 1000 家'),
});
export const formationCampaignTaskBody = z.object({
  title: z.string({ error: '请填写任务' }).trim().min(2, '任务至少 2 个字').max(100, '任务最多 100 个字'),
  dueOn: isoDate.nullable().optional(),
});
export const taskParams = z.object({
  id: z.coerce.number().int().positive().max(2147483647),
  taskId: z.coerce.number().int().positive().max(2147483647),
});
export const formationCampaignTask = z.object({
  id: z.number().int(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export type FormationCampaignTask = z.infer<typeof formationCampaignTask>;
export const formationCampaignEmployersResult = z.object({
  /** Employers that became targets now. */
  added: z.number().int(),
  /** Employers that were targets already. */
  alreadyTargets: z.number().int(),
});
export type FormationCampaignEmployersResult = z.infer<typeof formationCampaignEmployersResult>;
export type FormationCampaignTaskBody = z.infer<typeof formationCampaignTaskBody>;
export type FormationCampaignEmployersBody = z.infer<typeof formationCampaignEmployersBody>;
export const formationCampaignProgress = formationCampaign.extend({
  asOf: z.string(),
  newUnions: z.number().int(),
  newOwnUnions: z.number().int(),
  newIndependentParty: z.number().int(),
  newJointParty: z.number().int(),
  targets: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      creditCode: z.string(),
      unionStatus: z.string(),
      partyStatus: z.string(),
    }),
  ),
  targetsWithoutUnion: z.number().int(),
  targetsWithoutParty: z.number().int(),
  tasks: z.array(formationCampaignTask),
});
export type FormationCampaignProgress = z.infer<typeof formationCampaignProgress>;

/** 双帮双比: the campaign to form unions and party organisations in employers. */
const formationCampaignAuditLabels = {
  actions: {
    'formation_campaign.create': '新建组建活动',
    'formation_campaign.task_add': '添加活动任务',
    'formation_campaign.task_done': '完成活动任务',
    'formation_campaign.add_employers': '添加活动目标单位',
  },
  entityTypes: { formation_campaign: '组建活动', formation_campaign_task: '活动任务' },
  fields: {
    name: '活动名称',
    formationCampaign: '活动',
    formationCampaignId: '活动编号',
    title: '任务',
    description: '说明',
    dueOn: '截止日期',
    doneOn: '完成日期',
    startedOn: '开始日期',
    endedOn: '结束日期',
    employerIds: '目标单位编号',
  },
} as const satisfies AuditLabels;

/** What the formation-campaigns module adds to the contracts both sides read: its permissions and its audit labels. */
export const formationCampaignContract = {
  permissions: [],
  auditLabels: formationCampaignAuditLabels,
} as const satisfies ModuleContract;
