import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Progress, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.ts';
import { downloadExport, type DownloadProgress, type QueryValue } from '../download.ts';
import { formatCount } from '../format.ts';

/** An export endpoint that answers with the file of exactly the rows the list's filters match. */
export interface FileExportSpec {
  /** The API path, e.g. /agreements/export. */
  path: string;
  /** The list's applied filters and sort, as query parameters. */
  query: Record<string, QueryValue>;
  fallbackName: string;
  /** How many rows the file will hold (the list's total), shown while it is written. */
  rowCount?: number;
  /** What one row is, for messages: 份合同, 家单位 … */
  rowUnit: string;
  testId: string;
  label?: string;
}

type Run =
  | { stage: 'writing'; startedAt: number }
  | { stage: 'receiving'; startedAt: number; progress: DownloadProgress }
  | { stage: 'done'; fileName: string; seconds: number }
  | { stage: 'failed'; error: string };

/** Below this, an export finishes without opening the progress window. */
const QUIET_MS = 1200;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * 导出 Excel for a list: downloads the file of the filtered rows and, when that takes a while, shows its
 * progress — the server writing the file, then the file arriving — in a window that may be closed while
 * the export goes on.
 */
export function FileExportButton({ spec }: { spec: FileExportSpec }) {
  const { message } = AntApp.useApp();
  const [run, setRun] = useState<Run | null>(null);
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const running = run?.stage === 'writing' || run?.stage === 'receiving';
  const scope = useRef<{ rowCount?: number }>({});

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [running]);

  const start = () => {
    const startedAt = Date.now();
    scope.current = { rowCount: spec.rowCount };
    setRun({ stage: 'writing', startedAt });
    setNow(startedAt);
    const reveal = window.setTimeout(() => setOpen(true), QUIET_MS);
    downloadExport(spec.path, spec.query, spec.fallbackName, (progress) =>
      setRun({ stage: 'receiving', startedAt, progress }),
    )
      .then((fileName) => {
        window.clearTimeout(reveal);
        const seconds = Math.round((Date.now() - startedAt) / 1000);
        setRun({ stage: 'done', fileName, seconds });
        const count = scope.current.rowCount;
        void message.success(
          count === undefined
            ? `已导出 ${fileName}`
            : `已导出 ${formatCount(count)} ${spec.rowUnit}：${fileName}`,
        );
      })
      .catch((error: unknown) => {
        window.clearTimeout(reveal);
        setRun({ stage: 'failed', error: errorMessage(error) });
        setOpen(true);
      });
  };

  const count = scope.current.rowCount;
  const elapsed = run && 'startedAt' in run ? Math.max(0, Math.round((now - run.startedAt) / 1000)) : 0;
  const percent =
    run?.stage === 'done'
      ? 100
      : run?.stage === 'receiving' && run.progress.size
        ? Math.min(99, Math.floor((run.progress.received * 100) / run.progress.size))
        : 0;

  return (
    <>
      <Button icon={<DownloadOutlined />} loading={running} onClick={start} data-testid={spec.testId}>
        {spec.label ?? '导出 Excel'}
      </Button>
      {running && !open ? (
        <Button type="link" onClick={() => setOpen(true)} data-testid={`${spec.testId}-progress`}>
          查看导出进度
        </Button>
      ) : null}
      <Modal
        title={spec.label ?? '导出 Excel'}
        open={open && run !== null}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>关闭</Button>
            {run?.stage === 'failed' ? <Button onClick={start}>重新导出</Button> : null}
          </Space>
        }
        destroyOnHidden
      >
        <div data-testid="export-modal">
          <Typography.Paragraph type="secondary">
            导出范围：当前筛选条件下的
            {count === undefined ? '全部记录' : `全部 ${formatCount(count)} ${spec.rowUnit}`}
          </Typography.Paragraph>
          {run?.stage === 'failed' ? (
            <Alert
              type="error"
              showIcon
              title="导出失败"
              description={run.error}
              data-testid="export-failed"
            />
          ) : run ? (
            <>
              {run.stage === 'writing' ? (
                <Spin style={{ display: 'block', margin: '8px 0 12px' }} data-testid="export-progress" />
              ) : (
                <Progress
                  percent={percent}
                  status={run.stage === 'done' ? 'success' : 'active'}
                  data-testid="export-progress"
                />
              )}
              {run.stage === 'done' ? (
                <Alert
                  type="success"
                  showIcon
                  data-testid="export-done"
                  title={`已生成并保存 ${run.fileName}`}
                  description={`用时 ${run.seconds} 秒。`}
                />
              ) : (
                <Typography.Text data-testid="export-stage">
                  {run.stage === 'writing'
                    ? `服务器正在生成文件${count === undefined ? '' : `（${formatCount(count)} ${spec.rowUnit}）`}，已用 ${elapsed} 秒…`
                    : `正在接收文件：${sizeText(run.progress.received)}${run.progress.size ? ` / ${sizeText(run.progress.size)}` : ''}`}
                  <Typography.Text type="secondary">
                    （可以关闭此窗口，导出在后台继续，完成后自动保存）
                  </Typography.Text>
                </Typography.Text>
              )}
            </>
          ) : null}
        </div>
      </Modal>
    </>
  );
}
