import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Progress,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { importModeLabels, type ImportStatus } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount } from '../../../shared/format.ts';
import { downloadExport } from '../../../shared/download.ts';
import { useUndoEmployerImport } from '../api/imports.ts';

const statusLabels: Record<ImportStatus['status'], string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '失败',
};

function stageText(s: ImportStatus): string {
  if (s.status === 'queued') return '已上传，等待后台开始导入…';
  if (s.total === null) return '正在读取文件…';
  return `正在检查和导入：${formatCount(s.progress)} / ${formatCount(s.total)} 行`;
}

function outcome(s: ImportStatus) {
  const r = s.result;
  if (s.error) {
    return (
      <Alert type="error" showIcon title="文件未能导入" description={s.error} data-testid="import-error" />
    );
  }
  if (!r) return null;
  if (s.undone) {
    return <Alert type="info" showIcon title="本次导入已撤销" data-testid="import-undone" />;
  }
  if (r.applied) {
    return (
      <Alert
        type={r.invalid > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="import-outcome"
        title={
          r.invalid > 0
            ? `已导入正确的行；${formatCount(r.invalid)} 行有错误未导入，请下载错误报告修改后再导入`
            : '全部导入成功'
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-outcome"
      title={
        r.invalid > 0
          ? `有 ${formatCount(r.invalid)} 行错误，按“${importModeLabels[s.mode]}”没有导入任何一行；请下载错误报告修改后再导入`
          : '没有导入任何一行'
      }
    />
  );
}

/** Undoes an applied import as a whole, as the member import's result offers. */
function UndoEmployerImportButton({ status }: { status: ImportStatus }) {
  const { message } = AntApp.useApp();
  const undo = useUndoEmployerImport();
  return (
    <Popconfirm
      title="撤销整个导入？"
      description="本次新增的单位将删除，修改过的单位恢复导入前的内容。导入后又有变动的单位会使撤销被拒绝。"
      okText="撤销导入"
      cancelText="不撤销"
      okButtonProps={{
        danger: true,
        loading: undo.isPending,
        ...({ 'data-testid': 'import-undo-ok' } as ButtonProps),
      }}
      onConfirm={() =>
        undo.mutateAsync(status.id).then(
          (r) =>
            void message.success(
              `已撤销：删除新增的 ${formatCount(r.removed)} 家，恢复 ${formatCount(r.restored)} 家`,
            ),
          (e: unknown) => void message.error(errorMessage(e)),
        )
      }
    >
      <Button danger data-testid="import-undo">
        撤销本次导入
      </Button>
    </Popconfirm>
  );
}

/** An import's progress while it runs, then what it did and its error report. */
export function ImportProgressCard({ status }: { status: ImportStatus }) {
  const { message } = AntApp.useApp();
  const [downloading, setDownloading] = useState(false);
  const finished = status.status === 'done' || status.status === 'failed';
  const percent =
    status.status === 'done' ? 100 : status.total ? Math.floor((status.progress * 100) / status.total) : 0;
  const r = status.result;

  const onReport = async () => {
    setDownloading(true);
    try {
      const name = await downloadExport(
        `/employer-imports/${status.id}/report`,
        {},
        `单位导入错误报告-${status.id}.xlsx`,
      );
      void message.success(`已下载 ${name}`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid="import-status"
      data-status={status.status}
      title={
        <Space>
          <span>{status.fileName}</span>
          <Tag color={finished ? (status.status === 'done' && !status.error ? 'green' : 'red') : 'blue'}>
            {statusLabels[status.status]}
          </Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {importModeLabels[status.mode]}
          </Typography.Text>
        </Space>
      }
      extra={
        status.hasReport ? (
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void onReport()}
            data-testid="import-report"
          >
            下载错误报告
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {finished ? null : <Typography.Text data-testid="import-stage">{stageText(status)}</Typography.Text>}
        <Progress
          percent={percent}
          status={status.status === 'failed' || status.error ? 'exception' : finished ? 'success' : 'active'}
          data-testid="import-progress"
        />
        {r ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 2, md: 3, xl: 6 }}
            data-testid="import-result"
            items={[
              { key: 'rows', label: '文件行数', children: formatCount(r.rows) },
              { key: 'created', label: '新增', children: formatCount(r.created) },
              { key: 'updated', label: '更新', children: formatCount(r.updated) },
              { key: 'unchanged', label: '无变化', children: formatCount(r.unchanged) },
              { key: 'invalid', label: '有错误', children: formatCount(r.invalid) },
              { key: 'applied', label: '已写入', children: r.applied ? '是' : '否' },
            ].map((item) => ({
              ...item,
              children: <span data-testid={`import-${item.key}`}>{item.children}</span>,
            }))}
          />
        ) : null}
        {outcome(status)}
        {status.status === 'done' && r?.applied && r.created + r.updated > 0 && !status.undone ? (
          <div>
            <UndoEmployerImportButton status={status} />
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
