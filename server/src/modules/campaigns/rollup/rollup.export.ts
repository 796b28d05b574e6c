import type { CampaignRollupQuery, CampaignRollupRow } from '@gonghui/contracts';
import { listExport } from '../../../platform/exports/list-export.ts';
import { today } from '../../../platform/orgs/dates.ts';
import { campaignDb } from '../campaigns.definitions.ts';
import { eventTypeRepository } from '../settings/event-type.repository.ts';
import { writeSheet, type SheetColumn } from '../campaigns.sheet.ts';
import { rollupService } from './rollup.service.ts';

/** The roll-up as shown: one row per unit, then the total, one column per output. */
export const rollupExport = listExport<CampaignRollupQuery, CampaignRollupRow>({
  kind: 'campaign_rollup.export',
  permission: 'campaign:read',
  audit: { export: 'campaign_rollup.export', download: 'campaign_rollup.export_download' },
  fileName: () => `活动统计-${today()}.xlsx`,
  count: async (db, actor, f) => (await rollupService.rollup(db, actor, f)).rows.length + 1,
  rows: async (db, actor, f) => {
    const r = await rollupService.rollup(db, actor, f);
    return [
      ...r.rows.map((row) => (row.own ? { ...row, orgUnitName: `${row.orgUnitName}（本级）` } : row)),
      { orgUnitId: r.unit.id, orgUnitName: '合计', own: false, ...r.totals },
    ];
  },
  sheet: (db, batches) => {
    // The columns follow the outputs the figures hold: the roll-up's few rows are read first.
    const columns = async () => {
      const rows: CampaignRollupRow[] = [];
      for await (const b of batches) rows.push(...b);
      const codes = [...new Set(rows.flatMap((r) => Object.keys(r.outputs)))];
      return { rows, codes };
    };
    const ready = columns();
    return writeSheet<CampaignRollupRow>(
      '活动统计',
      ready.then(async ({ codes }) => {
        const outputs = (await eventTypeRepository.outputs(campaignDb(db))).filter((o) =>
          codes.includes(o.code),
        );
        return [
          { header: '单位', width: 28, value: (r) => r.orgUnitName },
          { header: '活动次数', width: 10, value: (r) => r.events },
          { header: '参加人数', width: 10, value: (r) => r.participants },
          ...outputs.map((o): SheetColumn<CampaignRollupRow> => ({
            header: `${o.name}（${o.unit}）`,
            width: 14,
            value: (r) => r.outputs[o.code] ?? 0,
          })),
        ];
      }),
      (async function* () {
        yield (await ready).rows;
      })(),
    );
  },
});
