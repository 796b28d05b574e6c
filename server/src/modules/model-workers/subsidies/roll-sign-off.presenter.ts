import { formatYuan, modelWorkerLevelLabels, type RollLine, type SubsidyRoll } from '@gonghui/contracts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const money = (fen: number) => formatYuan(fen).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The sign-off sheet of an approved roll as a page that prints on A4 (portrait, 15 mm margins), every
 * recipient on a line with the amount and a box to sign, the totals and the approval at the foot; the
 * header repeats on each printed page.
 */
export function signOffSheet(roll: SubsidyRoll, lines: RollLine[]): string {
  const rows = lines
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${escape(l.name)}</td><td>${escape(l.orgUnitName)}</td>` +
        `<td>${modelWorkerLevelLabels[l.level]}</td><td>${escape(l.ruleName)}（第 ${l.ruleVersion} 版）</td>` +
        `<td class="n">${money(l.amountFen)}</td><td>${escape(l.bankAccountMasked ?? '未登记账户')}</td><td class="sign"></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(roll.title)} 签收表</title>
<style>
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "SimSun", "Songti SC", serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.3mm solid #000; padding: 1.5mm 1mm; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
td.sign { width: 28mm; }
.foot { margin-top: 6mm; display: flex; justify-content: space-between; }
</style></head><body>
<h1>${escape(roll.title)} 签收表</h1>
<div class="meta"><span>发放单位：${escape(roll.orgUnitName)}</span><span>发放期间：${escape(roll.period)}</span>
<span>审批：${escape(roll.approvedBy ?? '')} ${roll.approvedAt ? roll.approvedAt.slice(0, 10) : ''}</span></div>
<table><thead><tr><th>序号</th><th>姓名</th><th>所属工会</th><th>级别</th><th>补助标准</th><th>金额（元）</th><th>银行账号</th><th>本人签字</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<div class="foot"><span>合计：${roll.recipients} 人，${money(roll.totalFen)} 元</span><span>经办人：__________</span><span>负责人：__________</span></div>
</body></html>`;
}
