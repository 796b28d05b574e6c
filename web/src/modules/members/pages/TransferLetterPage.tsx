import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Transfer } from '@gonghui/contracts';
import { apiGet, errorMessage } from '../../../api/client.ts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { formatDateLong } from '../../../shared/format.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';

/** One A4 page: the app's frame is hidden when printed, and the letter keeps to the page's printable area. */
const printCss = `
@page { size: A4 portrait; margin: 20mm 18mm; }
.transfer-letter { width: 174mm; min-height: 240mm; margin: 0 auto; padding: 16mm 14mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,0.15); font-family: "FangSong", "STFangsong", "仿宋", serif; font-size: 16pt;
  line-height: 1.9; color: #000; box-sizing: border-box; }
.transfer-letter h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 22pt; text-align: center; margin: 0 0 4mm; letter-spacing: 2pt; }
.transfer-letter .letter-no { text-align: right; font-size: 12pt; margin-bottom: 8mm; }
.transfer-letter p { text-indent: 2em; margin: 0 0 3mm; }
.transfer-letter .salutation { text-indent: 0; }
.transfer-letter .signature { text-align: right; margin-top: 18mm; text-indent: 0; }
@media print {
  body { background: #fff !important; }
  .ant-layout-sider, [data-testid="app-header"], [data-testid="breadcrumb"], [data-testid="demo-banner"],
  .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .transfer-letter { box-shadow: none; width: auto; min-height: 0; padding: 0; page-break-inside: avoid; }
}`;

/** The introduction letter a member carries to the receiving union: masked ID, both unions, date and number. */
export function TransferLetterPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const letter = useQuery({
    queryKey: ['transfers', 'detail', id],
    queryFn: ({ signal }) => apiGet<Transfer>(`/transfers/${id}`, undefined, signal),
    enabled: valid,
  });
  usePageTitle(letter.data ? `介绍信 ${letter.data.letterNo}` : '会员组织关系介绍信');

  if (!valid || isNotFound(letter.error)) {
    return (
      <NotFoundResult
        what="接转记录"
        back={{ to: '/members/transfers', label: '返回会员关系接转', testId: 'letter-back' }}
        testId="letter-not-found"
      />
    );
  }
  if (letter.isError) {
    return <Alert type="error" showIcon title="介绍信载入失败" description={errorMessage(letter.error)} />;
  }
  const t = letter.data;
  if (!t) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <div>
      <style>{printCss}</style>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="letter-print"
        >
          打印介绍信
        </Button>
      </Space>
      <div className="transfer-letter" data-testid="transfer-letter">
        <h1>会员组织关系介绍信</h1>
        <div className="letter-no" data-testid="letter-no">
          {t.letterNo}
        </div>
        <p className="salutation">{t.toOrgUnitName}：</p>
        <p>
          兹介绍我会会员 {t.memberName}（公民身份号码 {t.residentIdMasked}，会员编号 {t.registryNo}
          ），因{t.reason}，转接工会会员组织关系到你会{t.toEmployerName ? `（${t.toEmployerName}）` : ''}
          ，请予接收。
        </p>
        <p>该同志在我会期间按规定履行会员义务。特此介绍。</p>
        <p className="signature">
          {t.fromOrgUnitName}（盖章）
          <br />
          {formatDateLong(t.requestedOn)}
        </p>
      </div>
    </div>
  );
}
