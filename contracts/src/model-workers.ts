import type { AuditLabels, ModuleContract } from './module.ts';
import { modelWorkerLevelLabels, modelWorkerStatusLabels } from './model-workers-registry.ts';
import {
  paidStatusLabels,
  rollChangeLabels,
  rollStatusLabels,
  subsidyConditionLabels,
  subsidyPeriodLabels,
} from './model-workers-subsidies.ts';

export * from './model-workers-registry.ts';
export * from './model-workers-subsidies.ts';

const modelWorkerAuditLabels = {
  actions: {
    'model_worker.create': '登记劳动模范',
    'model_worker.update': '修改劳动模范',
    'model_worker.export': '导出劳动模范',
    'model_worker.export_download': '下载导出的劳动模范',
    'subsidy_rule.create': '制定劳模补助标准',
    'subsidy_rule.revise': '修订劳模补助标准',
    'subsidy_roll.create': '生成劳模补助名册',
    'subsidy_roll.refresh': '重新生成劳模补助名册',
    'subsidy_roll.approve': '审批劳模补助名册',
    'subsidy_roll.bank_export': '导出劳模补助银行代发文件',
    'subsidy_roll.paid_import': '导入银行回单',
    'subsidy_roll.export': '导出劳模补助名册',
    'subsidy_roll.export_download': '下载导出的劳模补助名册',
  },
  entityTypes: {
    model_worker: '劳动模范',
    subsidy_rule: '劳模补助标准',
    subsidy_roll: '劳模补助名册',
  },
  fields: {
    level: '荣誉级别',
    title: '荣誉称号',
    equivalent: '享受同等待遇',
    awardedYear: '授予年份',
    employerId: '工作单位编号',
    employerName: '工作单位（名录）',
    workUnit: '工作单位',
    hardship: '生活困难',
    hardshipEvidence: '困难情况说明',
    bankName: '开户银行',
    bankAccountMasked: '银行账号（脱敏）',
    gender: '性别',
    birthDate: '出生日期',
    residentIdMasked: '身份证号码（脱敏）',
    condition: '享受条件',
    amountFen: '补助金额（分）',
    per: '发放周期',
    validFrom: '生效日期',
    validTo: '失效日期',
    version: '版本',
    versions: '历次版本',
    current: '现行版本',
    reason: '原因',
    createdAt: '创建时间',
    period: '发放期间',
    recipients: '发放人数',
    totalFen: '发放总额（分）',
    paidFen: '已到账金额（分）',
    previewedAt: '预览生成时间',
    approvedAt: '审批时间',
    approvedBy: '审批人',
    changes: '预览后的变化',
    change: '变化',
    before: '变化前',
    after: '变化后',
    workerId: '劳动模范编号',
    preview: '预览名单',
    paid: '到账笔数',
    failed: '失败笔数',
    unchanged: '未变笔数',
    lines: '发放笔数',
    fileName: '文件名',
  },
  values: {
    level: modelWorkerLevelLabels,
    status: { ...modelWorkerStatusLabels, ...rollStatusLabels },
    condition: subsidyConditionLabels,
    per: subsidyPeriodLabels,
    paidStatus: paidStatusLabels,
    change: rollChangeLabels,
  },
} as const satisfies AuditLabels;

/** What the model-worker module adds to the contracts both sides read: its permissions and audit labels. */
export const modelWorkerContract = {
  permissions: ['model_worker:read', 'model_worker:write', 'model_worker:reveal', 'model_worker:approve'],
  auditLabels: modelWorkerAuditLabels,
} as const satisfies ModuleContract;
