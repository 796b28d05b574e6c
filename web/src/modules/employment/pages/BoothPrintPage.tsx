import { useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { fairCategoryLabels } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { formatDateLong } from '../../../shared/format.ts';
import { useFair } from '../api/employment.ts';
import { payRange } from '../components/format.ts';

/** On paper only the sheet is printed, on A4 portrait; the app's menu and header stay on screen. */
const printStyles = `
@page { size: A4 portrait; margin: 15mm; }
.booth-sheet { width: 180mm; margin: 0 auto; background: #fff; padding: 12mm; box-shadow: 0 0 4px rgba(0,0,0,.15); font-size: 12pt; }
.booth-sheet h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
.booth-sheet .meta { text-align: center; margin-bottom: 6mm; }
.booth-sheet table { width: 100%; border-collapse: collapse; }
.booth-sheet th, .booth-sheet td { border: 1px solid #000; padding: 2mm; vertical-align: top; }
.booth-sheet tr { page-break-inside: avoid; }
@media print {
  body * { visibility: hidden; }
  .booth-sheet, .booth-sheet * { visibility: visible; }
  .booth-sheet { position: absolute; left: 0; top: 0; width: 100%; padding: 0; box-shadow: none; }
}`;

/** The fair's booth list laid out as an A4 page, to print and hand out at the entrance. */
export function BoothPrintPage() {
  const id = Number(useParams().id);
  const fair = useFair(id);
  if (!Number.isInteger(id) || id < 1 || isNotFound(fair.error)) {
    return (
      <NotFoundResult
        what="招聘会"
        back={{ to: '/employment/fairs', label: '返回招聘会列表' }}
        testId="fair-not-found"
      />
    );
  }
  if (fair.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (fair.isError)
    return <Alert type="error" showIcon title="展位表载入失败" description={errorMessage(fair.error)} />;
  const f = fair.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <style>{printStyles}</style>
      <Button
        type="primary"
        icon={<PrinterOutlined />}
        onClick={() => window.print()}
        data-testid="booth-print"
      >
        打印
      </Button>
      <div className="booth-sheet" data-testid="booth-sheet">
        <h1>{f.title}展位表</h1>
        <div className="meta">
          {fairCategoryLabels[f.category]} · {formatDateLong(f.heldOn)} · {f.venue} · 主办：{f.orgUnitName}
        </div>
        <table>
          <thead>
            <tr>
              <th style={{ width: '12%' }}>展位</th>
              <th style={{ width: '33%' }}>参会单位</th>
              <th>招聘岗位</th>
            </tr>
          </thead>
          <tbody>
            {f.employers.map((e) => (
              <tr key={e.id} data-testid="booth-row">
                <td>{e.booth ?? ''}</td>
                <td>{e.name}</td>
                <td>
                  {f.positions
                    .filter((p) => p.fairEmployerId === e.id)
                    .map((p) => `${p.title} ${p.openings} 人（${payRange(p.payMinFen, p.payMaxFen)}）`)
                    .join('；')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Space>
  );
}
