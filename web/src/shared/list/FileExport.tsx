import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Progress, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { EXPORT_KEEP_DAYS, type ExportJob } from '@gonghui/contracts';
import { apiGet, errorMessage } from '../../api/client.ts';
import { requestExport, type DownloadProgress, type QueryValue } from '../download.ts';
import { formatCount } from '../format.ts';

/**
 * An export endpoint that answers with the file of exactly the rows the list's filters match, or, for a
 * large export, with the background job that writes it (HTTP 202).
 */
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
  | { stage: 'job'; startedAt: number; jobId: number }
  | { stage: 'receiving'; startedAt: number; progress: DownloadProgress; jobId?: number }
  | { stage: 'done'; fileName: string; seconds: number; jobId?: number }
  | { stage: 'failed'; error: string };

/** Below this, an export finishes without opening the progress window. */
const QUIET_MS = 1200;

/** An export job's record, polled while it is queued or written. */
function useExportJob(id: number | null) {
  return useQuery({
    queryKey: ['export-job', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<ExportJob>(`/exports/${id}`, undefined, signal),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 700;
    },
  });
}

function jobStageText(job: ExportJob | undefined, rowUnit: string): string {
  if (!job || job.status === 'queued')
    return job?.error ? `上次未成功，稍后自动重试：${job.error}` : '已提交，等待后台开始导出';
  if (job.total === null) return '正在统计符合条件的记录';
  return `正在写入：${formatCount(job.progress)} / ${formatCount(job.total)} ${rowUnit}`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * 导出 Excel for a list: downloads the file of the filtered rows and, when that takes a while, shows its
 * progress in a window that may be closed while the export goes on. A small export is written by the
 * request itself (the server writing, then the file arriving); a large one by a background job, whose
 * rows written are shown until the file is ready and saved.
 */
export function FileExportButton({ spec }: { spec: FileExportSpec }) {
  const { message } = AntApp.useApp();
  const [run, setRun] = useState<Run | null>(null);
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const running = run?.stage === 'writing' || run?.stage === 'job' || run?.stage === 'receiving';
  const scope = useRef<{ rowCount?: number }>({});
  const jobId = run && 'jobId' in run && run.jobId !== undefined ? run.jobId : null;
  const job = useExportJob(jobId);
  const jobData = job.data?.id === jobId ? job.data : undefined;

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [running]);

  const finished = (fileName: string, startedAt: number, id?: number) => {
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    setRun({ stage: 'done', fileName, seconds, jobId: id });
    const count = scope.current.rowCount;
    void message.success(
      count === undefined
        ? `已导出 ${fileName}`
        : `已导出 ${formatCount(count)} ${spec.rowUnit}：${fileName}`,
    );
  };
  const failed = (error: unknown) => {
    setRun({ stage: 'failed', error: errorMessage(error) });
    setOpen(true);
  };

  /** Saves a finished job's file, showing it arrive. */
  const fetchJobFile = (x: ExportJob, startedAt: number) => {
    setRun({ stage: 'receiving', startedAt, progress: { received: 0, size: x.sizeBytes }, jobId: x.id });
    requestExport(`/exports/${x.id}/file`, {}, x.fileName, (progress) =>
      setRun({ stage: 'receiving', startedAt, progress, jobId: x.id }),
    )
      .then((result) => finished(result.kind === 'saved' ? result.fileName : x.fileName, startedAt, x.id))
      .catch(failed);
  };

  // The job's file is saved as soon as it is written, whether or not the window is open.
  useEffect(() => {
    if (run?.stage !== 'job' || !jobData) return;
    if (jobData.status === 'done') fetchJobFile(jobData, run.startedAt);
    else if (jobData.status === 'failed') failed(new Error(jobData.error ?? '后台导出失败，请重新导出'));
    // fetchJobFile and failed only set state; the job's status is what moves the export on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run?.stage, jobData?.status]);

  const start = () => {
    const startedAt = Date.now();
    scope.current = { rowCount: spec.rowCount };
    setRun({ stage: 'writing', startedAt });
    setNow(startedAt);
    const reveal = window.setTimeout(() => setOpen(true), QUIET_MS);
    requestExport(spec.path, spec.query, spec.fallbackName, (progress) =>
      setRun({ stage: 'receiving', startedAt, progress }),
    )
      .then((result) => {
        window.clearTimeout(reveal);
        if (result.kind === 'saved') return finished(result.fileName, startedAt);
        if (result.job.total !== null) scope.current = { rowCount: result.job.total };
        setRun({ stage: 'job', startedAt, jobId: result.job.id });
        setOpen(true);
      })
      .catch((error: unknown) => {
        window.clearTimeout(reveal);
        failed(error);
      });
  };

  const count = scope.current.rowCount;
  const elapsed = run && 'startedAt' in run ? Math.max(0, Math.round((now - run.startedAt) / 1000)) : 0;
  const percent =
    run?.stage === 'done'
      ? 100
      : run?.stage === 'job'
        ? jobData?.total
          ? Math.min(99, Math.floor((jobData.progress * 100) / jobData.total))
          : 0
        : run?.stage === 'receiving' && run.progress.size
          ? Math.min(99, Math.floor((run.progress.received * 100) / run.progress.size))
          : 0;
  const stageText = (r: Exclude<Run, { stage: 'done' } | { stage: 'failed' }>) => {
    if (r.stage === 'writing')
      return `服务器正在生成文件${count === undefined ? '' : `（${formatCount(count)} ${spec.rowUnit}）`}，已用 ${elapsed} 秒…`;
    if (r.stage === 'job') return `${jobStageText(jobData, spec.rowUnit)}，已用 ${elapsed} 秒…`;
    return `正在接收文件：${sizeText(r.progress.received)}${r.progress.size ? ` / ${sizeText(r.progress.size)}` : ''}`;
  };

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
            {run?.stage === 'done' && run.jobId !== undefined && jobData ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => fetchJobFile(jobData, Date.now())}
                data-testid="export-download"
              >
                再次下载
              </Button>
            ) : null}
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
                  description={
                    run.jobId === undefined
                      ? `用时 ${run.seconds} 秒。`
                      : `用时 ${run.seconds} 秒。文件在服务器上保留 ${EXPORT_KEEP_DAYS} 天，每次下载都记入审计日志。`
                  }
                />
              ) : (
                <Typography.Text data-testid="export-stage">
                  {stageText(run)}
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
