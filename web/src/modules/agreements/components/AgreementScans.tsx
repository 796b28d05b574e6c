import { useRef } from 'react';
import { App as AntApp, Button, Card, Table } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import {
  ATTACHMENT_MAX_BYTES,
  agreementScanExtensions,
  type AgreementDetail,
  type AttachmentInfo,
} from '@gonghui/contracts';
import { apiUrl, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useAttachAgreementScan } from '../api/agreements.ts';

const accept = agreementScanExtensions.map((ext) => `.${ext}`).join(',');
const MAX_MB = ATTACHMENT_MAX_BYTES / 1048576;

function size(bytes: number): string {
  return bytes < 1048576
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The signed contract's scans: each download is recorded in the log; a writer adds more. */
export function AgreementScans({ agreement, mayAdd }: { agreement: AgreementDetail; mayAdd: boolean }) {
  const { message } = AntApp.useApp();
  const picker = useRef<HTMLInputElement>(null);
  const attach = useAttachAgreementScan(agreement.id);
  const send = async (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(`「${file.name}」超过 ${MAX_MB} MB，不能上传`);
      return;
    }
    try {
      await attach.mutateAsync(file);
      void message.success(`已上传「${file.name}」`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Card
      title="合同文本扫描件"
      extra={
        mayAdd ? (
          <>
            <input
              ref={picker}
              type="file"
              accept={accept}
              style={{ display: 'none' }}
              data-testid="agreement-scan-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void send(file);
              }}
            />
            <Button
              icon={<UploadOutlined />}
              loading={attach.isPending}
              onClick={() => picker.current?.click()}
              data-testid="agreement-scan-add"
            >
              上传扫描件
            </Button>
          </>
        ) : null
      }
    >
      <Table<AttachmentInfo>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={agreement.scans}
        data-testid="agreement-scans"
        locale={{ emptyText: `尚无扫描件（可上传 PDF 或 JPG、PNG 图片，每个不超过 ${MAX_MB} MB）` }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (name: string, s) => (
              <a href={apiUrl(`/attachments/${s.id}`)} data-testid="agreement-scan">
                {name}
              </a>
            ),
          },
          { title: '大小', dataIndex: 'sizeBytes', width: 100, render: (b: number) => size(b) },
          { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (d: string) => formatDateTime(d) },
        ]}
      />
    </Card>
  );
}
