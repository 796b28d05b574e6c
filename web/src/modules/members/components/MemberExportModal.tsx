import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Progress, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { MEMBER_EXPORT_KEEP_DAYS, type MemberExport } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount } from '../../../shared/format.ts';
import { downloadExport } from '../../../shared/download.ts';
import { useMemberExport } from '../api/members.ts';

function stageText(e: MemberExport): string {
  if (e.status === 'queued')
    return e.error ? `上次未成功，稍后自动重试：${e.error}` : '已提交，等待后台开始导出…';
  if (e.total === null) return '正在统计符合条件的会员…';
  return `正在写入：${formatCount(e.progress)} / ${formatCount(e.total)} 人`;
}

/** An export job's progress, then its file to download. */
export function MemberExportModal({
  exportId,
  open,
  filterText,
  onClose,
  onRetry,
}: {
  exportId: number | null;
  open: boolean;
  /** The filters in words, so the user sees which rows the file holds. */
  filterText: string;
  onClose(): void;
  onRetry(): void;
}) {
  const { message } = AntApp.useApp();
  const job = useMemberExport(exportId);
  const [downloading, setDownloading] = useState(false);
  const e = job.data;
  const percent =
    e?.status === 'done' ? 100 : e?.total ? Math.min(99, Math.floor((e.progress * 100) / e.total)) : 0;

  const download = async (x: MemberExport) => {
    setDownloading(true);
    try {
      const name = await downloadExport(`/member-exports/${x.id}/file`, {}, x.fileName);
      void message.success(`已下载 ${name}（证件号码和电话已脱敏）`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Modal
      title="导出会员名册"
      open={open && exportId !== null}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          {e?.status === 'failed' ? <Button onClick={onRetry}>重新导出</Button> : null}
          {e?.status === 'done' ? (
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={() => void download(e)}
              data-testid="export-download"
            >
              下载 Excel
            </Button>
          ) : null}
        </Space>
      }
      destroyOnHidden
    >
      <div data-testid="export-modal">
        <Typography.Paragraph type="secondary">导出范围：{filterText}</Typography.Paragraph>
        {job.error ? <Alert type="error" showIcon title={errorMessage(job.error)} /> : null}
        {e ? (
          <>
            <Progress
              percent={percent}
              status={e.status === 'failed' ? 'exception' : e.status === 'done' ? 'success' : 'active'}
              data-testid="export-progress"
            />
            {e.status === 'done' ? (
              <Alert
                type="success"
                showIcon
                data-testid="export-done"
                title={`已生成 ${e.fileName}，共 ${formatCount(e.total)} 人`}
                description={`身份证号码和手机号码已脱敏；文件可修改后按“导入名册”导回。文件保留 ${MEMBER_EXPORT_KEEP_DAYS} 天，每次下载都记入审计日志。`}
              />
            ) : e.status === 'failed' ? (
              <Alert
                type="error"
                showIcon
                data-testid="export-failed"
                title="导出失败"
                description={e.error ?? '请重新导出'}
              />
            ) : (
              <Typography.Text data-testid="export-stage">
                {stageText(e)}
                <Typography.Text type="secondary">（可以关闭此窗口，导出在后台继续）</Typography.Text>
              </Typography.Text>
            )}
          </>
        ) : null}
      </div>
    </Modal>
  );
}
