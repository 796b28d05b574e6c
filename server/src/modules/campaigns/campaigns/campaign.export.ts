import type { Campaign, CampaignFilter } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { writeSheet, type SheetColumn } from '../campaigns.sheet.ts';
import { campaignService } from './campaign.service.ts';

const columns: SheetColumn<Campaign>[] = [
  { header: '活动主题', width: 30, value: (c) => c.theme },
  { header: '主办单位', width: 24, value: (c) => c.orgUnitName },
  { header: '开始日期', width: 12, value: (c) => c.startsOn },
  { header: '结束日期', width: 12, value: (c) => c.endsOn },
  { header: '活动范围', width: 36, value: (c) => c.territory.map((t) => t.name).join('、') },
  { header: '活动次数', width: 10, value: (c) => c.events },
  { header: '参加人数', width: 10, value: (c) => c.participants },
  { header: '活动说明', width: 40, value: (c) => c.description ?? '' },
];

/** The campaign list as filtered; its figures count the events in the caller's scope. */
export const campaignExport = listExport<CampaignFilter, Campaign>({
  kind: 'campaign.export',
  permission: 'campaign:read',
  audit: { export: 'campaign.export', download: 'campaign.export_download' },
  fileName: () => `主题活动-${today()}.xlsx`,
  count: (db, actor, f) => campaignService.count(db, actor, f),
  rows: (db, actor, f) => campaignService.all(db, actor, f),
  sheet: (_db, batches) => writeSheet('主题活动', columns, batches),
});
