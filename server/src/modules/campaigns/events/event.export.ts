import type { CampaignEvent, CampaignEventFilter } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { campaignDb } from '../campaigns.definitions.ts';
import { writeSheet, type SheetColumn } from '../campaigns.sheet.ts';
import { eventTypeRepository } from '../settings/event-type.repository.ts';
import { eventService } from './event.service.ts';

const fixed: SheetColumn<CampaignEvent>[] = [
  { header: '活动日期', width: 12, value: (e) => e.heldOn },
  { header: '活动名称', width: 30, value: (e) => e.title },
  { header: '活动类型', width: 12, value: (e) => e.typeName },
  { header: '主题活动', width: 26, value: (e) => e.campaignTheme ?? '（独立活动）' },
  { header: '举办单位', width: 24, value: (e) => e.orgUnitName },
  { header: '承办企业', width: 28, value: (e) => e.employerName ?? '' },
  { header: '活动地点', width: 24, value: (e) => e.place ?? '' },
  { header: '参加人数', width: 10, value: (e) => e.participants },
];

/** The event list as filtered, one column per configured output (empty where the event did not count it). */
export const eventExport = listExport<CampaignEventFilter, CampaignEvent>({
  kind: 'campaign_event.export',
  permission: 'campaign:read',
  audit: { export: 'campaign_event.export', download: 'campaign_event.export_download' },
  fileName: () => `活动记录-${today()}.xlsx`,
  count: (db, actor, f) => eventService.count(db, actor, f),
  rows: (db, actor, f) => eventService.stream(db, actor, f),
  sheet: (db, batches) =>
    writeSheet(
      '活动记录',
      eventTypeRepository.outputs(campaignDb(db)).then((outputs): SheetColumn<CampaignEvent>[] => [
        ...fixed,
        ...outputs.map((o): SheetColumn<CampaignEvent> => ({
          header: `${o.name}（${o.unit}）`,
          width: 12,
          value: (e) => e.outputs.find((x) => x.code === o.code)?.count ?? null,
        })),
        { header: '备注', width: 30, value: (e) => e.note ?? '' },
      ]),
      batches,
    ),
});
