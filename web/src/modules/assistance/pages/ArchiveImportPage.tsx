import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Progress,
  Radio,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { importModeLabels, importModes, type ImportMode, type ImportStatus } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { downloadExport } from '../../../shared/download.ts';
import { formatCount } from '../../../shared/format.ts';
import { useArchiveImport, useStartArchiveImport } from '../api/archiveImports.ts';

const intro =
  '按模板填写（.xlsx，每行一人）：每户从“户主”行开始，其下各行为该户家庭成员，建档单位、刚性支出、致困原因和复核日期填在户主行。' +
  '困难类别按收入和本区最低生活保障标准自动计算。户主已在本辖区建档且内容相同的户不再改动，同一文件可放心重复导入。';

const statusLabels: Record<ImportStatus['status'], string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '失败',
};

function parseId(value: string | null): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : null;
}

async function download(path: string, name: string, notify: (text: string, ok: boolean) => void) {
  try {
    notify(`已下载 ${await downloadExport(path, {}, name)}`, true);
  } catch (error) {
    notify(errorMessage(error), false);
  }
}

/** What an import did: its counts, its outcome and its error report. */
function ImportResultCard({ status }: { status: ImportStatus }) {
  const { message } = AntApp.useApp();
  const notify = (text: string, ok: boolean) => void (ok ? message.success(text) : message.error(text));
  const finished = status.status === 'done' || status.status === 'failed';
  const r = status.result;
  return (
    <Card
      size="small"
      data-testid="archive-import-status"
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
            onClick={() =>
              void download(
                `/hardship/archive-imports/${status.id}/report`,
                `困难职工档案导入错误报告-${status.id}.xlsx`,
                notify,
              )
            }
            data-testid="archive-import-report"
          >
            下载错误报告
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {finished ? null : (
          <Progress
            percent={status.total ? Math.floor((status.progress * 100) / status.total) : 0}
            status="active"
          />
        )}
        {r ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 2, md: 5 }}
            data-testid="archive-import-result"
            items={[
              { key: 'rows', label: '文件行数', children: formatCount(r.rows) },
              { key: 'created', label: '新建档案', children: formatCount(r.created) },
              { key: 'unchanged', label: '已建档无变化', children: formatCount(r.unchanged) },
              { key: 'invalid', label: '有错误的户', children: formatCount(r.invalid) },
              { key: 'applied', label: '已写入', children: r.applied ? '是' : '否' },
            ].map((item) => ({
              ...item,
              children: <span data-testid={`archive-import-${item.key}`}>{item.children}</span>,
            }))}
          />
        ) : null}
        {status.error ? (
          <Alert type="error" showIcon title="文件未能导入" description={status.error} />
        ) : r ? (
          <Alert
            type={r.invalid > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="archive-import-outcome"
            title={
              r.invalid > 0
                ? r.applied
                  ? `已导入正确的户；${formatCount(r.invalid)} 户有错误未导入，请下载错误报告修改后再导入`
                  : `有 ${formatCount(r.invalid)} 户有错误，按“${importModeLabels[status.mode]}”没有导入任何一户`
                : '全部导入成功'
            }
          />
        ) : null}
      </Space>
    </Card>
  );
}

/** 导入困难职工档案: template, file and mode, then the import's result and error report, kept in the address bar. */
export function ArchiveImportPage() {
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const importId = parseId(params.get('id'));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('valid_only');
  const start = useStartArchiveImport();
  const status = useArchiveImport(importId);
  usePageTitle('导入困难职工档案');
  const notify = (text: string, ok: boolean) => void (ok ? message.success(text) : message.error(text));

  const onStart = () => {
    if (!file) {
      setFileError('请先选择要导入的文件');
      return;
    }
    start.mutate(
      { file, mode },
      {
        onSuccess: (queued) => {
          setFile(null);
          setParams({ id: String(queued.id) });
        },
      },
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="archive-import-page">
      <Link to="/assistance/archives">
        <ArrowLeftOutlined /> 返回困难职工档案
      </Link>
      <Card
        title="导入困难职工档案"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download('/hardship/archive-template', '困难职工档案导入模板.xlsx', notify)}
            data-testid="archive-import-template"
          >
            下载导入模板
          </Button>
        }
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {intro}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              if (!/\.xlsx$/i.test(chosen.name)) {
                setFileError('只能导入 .xlsx 文件（旧版 .xls 请先另存为 .xlsx）');
                setFile(null);
              } else {
                setFileError(null);
                setFile(chosen);
              }
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="archive-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或把文件拖到这里</p>
            <p className="ant-upload-hint">.xlsx，最大 10 MB</p>
          </Upload.Dragger>
          {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
          <div>
            <Typography.Text strong>导入方式：</Typography.Text>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as ImportMode)}
              options={importModes.map((m) => ({ value: m, label: importModeLabels[m] }))}
            />
          </div>
          {start.isError ? (
            <Alert type="error" showIcon title="上传失败" description={errorMessage(start.error)} />
          ) : null}
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={start.isPending}
            onClick={onStart}
            data-testid="archive-import-start"
          >
            开始导入
          </Button>
        </Space>
      </Card>
      {importId === null ? null : status.isError ? (
        <Alert type="error" showIcon title="导入结果载入失败" description={errorMessage(status.error)} />
      ) : status.data ? (
        <ImportResultCard status={status.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} />
      )}
    </Space>
  );
}
