import { z } from 'zod';
import { isoDate, pageQuery } from './common.ts';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  clientAddress: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAuditQuery = pageQuery.extend({
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  username: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** Labels for the actions the audit log records, shown in the log browser. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'org.create': '新建组织',
  'org.rename': '组织更名',
  'org.move': '调整隶属',
  'org.merge': '组织合并',
  'org.close': '撤销组织',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'employer.create': '登记单位',
  'employer.update': '修改单位信息',
  'employer.union': '变更建会状态',
  'employer.party': '变更党组织状态',
  'employer.instructor': '指派党建指导员',
  'employer.close': '单位注销',
  'employer.import': '导入单位名录',
  'indicator.target': '设定年度目标',
  'campaign.create': '新建组建活动',
  'campaign.task_add': '添加活动任务',
  'campaign.task_done': '完成活动任务',
  'campaign.add_employers': '添加活动目标单位',
  'member.enrol': '会员入会登记',
  'member.update': '修改会员信息',
  'member.status': '变更会员状态',
  'member.import': '导入会员名册',
  'member.import_upload': '上传会员名册',
  'member.export': '导出会员名册',
  'member.export_download': '下载导出的会员名册',
  'member.employer_closed': '单位注销后会员转上级工会',
  'transfer.start': '发起会员接转',
  'transfer.start_bulk': '批量发起会员接转',
  'transfer.accept': '接收会员接转',
  'transfer.reject': '拒绝会员接转',
  'transfer.cancel': '撤回会员接转',
  'personal_data.reveal': '查看个人敏感信息',
  'agreement.create': '登记集体合同',
  'agreement.update': '修改集体合同',
  'agreement.add_employers': '集体合同增加覆盖单位',
  'agreement.remove_employers': '集体合同移除覆盖单位',
};

/** Labels for the kinds of record the audit log is about. */
export const auditEntityTypeLabels: Record<string, string> = {
  org_unit: '工会组织',
  org: '工会组织',
  orgUnit: '工会组织',
  user: '用户',
  session: '登录会话',
  auth: '登录',
  employer: '单位',
  employer_import: '单位导入',
  indicator_target: '年度目标',
  formation_campaign: '组建活动',
  formation_campaign_task: '活动任务',
  member: '会员',
  member_import: '会员导入',
  collective_agreement: '集体合同',
  member_export: '会员导出',
  member_transfer: '会员接转',
};
