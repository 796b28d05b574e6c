import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Radio, Skeleton, Space, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { importModeLabels, importModes, type ImportMode } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { downloadExport } from '../../../shared/download.ts';
import { useEmployerImport, useStartEmployerImport } from '../api/imports.ts';
import { ImportProgressCard } from '../components/ImportProgressCard.tsx';

const modeHelp: Record<ImportMode, string> = {
  all_or_nothing: '文件中只要有一行错误，就一行也不导入；适合整批核对过的名录。',
  valid_only: '导入正确的行，出错的行列入错误报告，改好后可再次导入。',
};

const intro =
  '按模板的列填写单位名录（.xlsx 或 .csv）：统一社会信用代码已登记的单位按文件内容更新，未登记的新增；' +
  '只能导入您管辖范围内的单位。也可以把“导出 Excel”得到的文件修改后再导入。';

const acceptedFile = /\.(xlsx|csv)$/i;

function parseId(value: string | null): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : null;
}

/** 批量导入单位: template, file and mode, then the import's progress and result, kept in the address bar. */
export function EmployerImportPage() {
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const importId = parseId(params.get('id'));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [downloading, setDownloading] = useState(false);
  const start = useStartEmployerImport();
  const status = useEmployerImport(importId);
  usePageTitle('批量导入');

  const onTemplate = async () => {
    setDownloading(true);
    try {
      await downloadExport('/employers/template', {}, '单位名录导入模板.xlsx');
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

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
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="employer-import-page">
      <Link to="/employers">
        <ArrowLeftOutlined /> 返回单位列表
      </Link>
      <Card
        title="批量导入单位"
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void onTemplate()}
            data-testid="import-template"
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
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              if (!acceptedFile.test(chosen.name)) {
                setFileError('只能导入 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）');
                setFile(null);
              } else {
                setFileError(null);
                setFile(chosen);
              }
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或把文件拖到这里</p>
            <p className="ant-upload-hint">支持 .xlsx 和 .csv，最大 100 MB</p>
          </Upload.Dragger>
          {fileError ? (
            <Alert type="error" showIcon title={fileError} data-testid="import-file-error" />
          ) : null}
          <div>
            <Typography.Text strong>导入方式：</Typography.Text>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as ImportMode)}
              data-testid="import-mode"
              options={importModes.map((m) => ({
                value: m,
                label: <span data-testid={`import-mode-${m}`}>{importModeLabels[m]}</span>,
              }))}
            />
            <Typography.Text type="secondary">{modeHelp[mode]}</Typography.Text>
          </div>
          {start.isError ? (
            <Alert type="error" showIcon title="上传失败" description={errorMessage(start.error)} />
          ) : null}
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={start.isPending}
            onClick={onStart}
            data-testid="import-start"
          >
            开始导入
          </Button>
        </Space>
      </Card>
      {importId === null ? null : status.isError ? (
        <Alert type="error" showIcon title="导入进度载入失败" description={errorMessage(status.error)} />
      ) : status.data ? (
        <ImportProgressCard status={status.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} />
      )}
    </Space>
  );
}
