import { useRef } from 'react';
import { App as AntApp, Button, Card, Table } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, attachmentKinds, type CaseDetail } from '@gonghui/contracts';
import { apiUrl, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useAttachFile } from '../api/handling.ts';

type Attachment = CaseDetail['attachments'][number];
const accept = Object.keys(attachmentKinds)
  .map((ext) => `.${ext}`)
  .join(',');
const kindsText = Array.from(new Set(Object.values(attachmentKinds).map((k) => k.label))).join('、');

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A case's files: each downloads through the case (audited); the units that may act add more. */
export function CaseAttachments({ c, mayAdd }: { c: CaseDetail; mayAdd: boolean }) {
  const { message } = AntApp.useApp();
  const picker = useRef<HTMLInputElement>(null);
  const attach = useAttachFile(c.id);
  const send = async (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(`「${file.name}」超过 ${ATTACHMENT_MAX_BYTES / 1048576} MB，不能上传`);
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
      title="附件"
      extra={
        mayAdd ? (
          <>
            <input
              ref={picker}
              type="file"
              accept={accept}
              style={{ display: 'none' }}
              data-testid="case-attach-input"
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
              data-testid="case-attach"
            >
              上传附件
            </Button>
          </>
        ) : null
      }
    >
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.attachments}
        data-testid="case-attachments"
        locale={{ emptyText: `尚无附件（可上传 ${kindsText}，每个不超过 10 MB）` }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (name: string, a) => (
              <a href={apiUrl(`/assistance/cases/${c.id}/attachments/${a.id}`)} data-testid="case-attachment">
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
