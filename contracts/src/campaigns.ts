import type { AuditLabels, ModuleContract } from './module.ts';

export * from './campaigns-records.ts';

const campaignAuditLabels = {
  actions: {
    'campaign.create': '发起主题活动',
    'campaign.update': '修改主题活动',
    'campaign.export': '导出主题活动',
    'campaign.export_download': '下载导出的主题活动',
    'campaign_event.create': '登记活动记录',
    'campaign_event.update': '修改活动记录',
    'campaign_event.export': '导出活动记录',
    'campaign_event.export_download': '下载导出的活动记录',
    'campaign_rollup.export': '导出活动统计',
    'campaign_rollup.export_download': '下载导出的活动统计',
    'campaign_event_type.save': '设置活动类型',
    'campaign_output.save': '设置活动统计项目',
  },
  entityTypes: {
    campaign: '主题活动',
    campaign_event: '活动记录',
    campaign_event_type: '活动类型',
    campaign_output: '活动统计项目',
  },
  fields: {
    theme: '活动主题',
    startsOn: '开始日期',
    endsOn: '结束日期',
    description: '活动说明',
    territory: '活动范围',
    events: '活动次数',
    participants: '参加人数',
    mayEdit: '可修改',
    campaignId: '主题活动编号',
    campaignTheme: '主题活动',
    typeCode: '活动类型代码',
    typeName: '活动类型',
    heldOn: '活动日期',
    place: '活动地点',
    employerId: '承办企业编号',
    employerName: '承办企业',
    outputs: '统计项目',
    count: '统计数',
    code: '代码',
    unit: '计量单位',
    definition: '统计口径',
    active: '启用',
    note: '备注',
    createdAt: '登记时间',
    updatedAt: '更新时间',
    standalone: '只看独立活动',
  },
} as const satisfies AuditLabels;

/** What the campaigns module (主题活动) adds to the contracts both sides read: its permissions and audit labels. */
export const campaignContract = {
  permissions: ['campaign:read', 'campaign:write'],
  auditLabels: campaignAuditLabels,
} as const satisfies ModuleContract;
