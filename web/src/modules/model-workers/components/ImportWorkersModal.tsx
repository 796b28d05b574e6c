import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Modal, Radio, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  importModeLabels,
  importModes,
  type ImportMode,
  type ModelWorkerImportResult,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { downloadExport } from '../../../shared/download.ts';
import { useImportWorkers } from '../api/modelWorkers.ts';

/** Imports the registry from an .xlsx file made from the template, and shows what the import did. */
export function ImportWorkersModal({ onClose }: { onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [result, setResult] = useState<ModelWorkerImportResult | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const importing = useImportWorkers();
  const download = async (path: string, name: string) => {
    try {
      await downloadExport(path, {}, name);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Modal title="导入劳动模范名册" open onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <p style={{ margin: 0 }}>
          请按导入模板填写（.xlsx）。每行都先检查；工作单位按统一社会信用代码在单位名录中查找，须在您的管辖范围内；
          已登记的劳动模范按身份证号码找到后更新，同一文件再次导入不会重复登记。
        </p>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download('/model-worker-imports/template', '劳动模范名册导入模板.xlsx')}
          data-testid="worker-import-template"
        >
          下载导入模板
        </Button>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as ImportMode)}
          data-testid="worker-import-mode"
        >
          {importModes.map((m) => (
            <Radio key={m} value={m}>
              {importModeLabels[m]}
            </Radio>
          ))}
        </Radio.Group>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          loading={importing.isPending}
          onClick={() => fileInput.current?.click()}
          data-testid="worker-import-pick"
        >
          选择文件并导入
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx"
          style={{ display: 'none' }}
          data-testid="worker-import-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setResult(null);
            try {
              setResult(await importing.mutateAsync({ file, mode }));
            } catch (error) {
              void message.error(errorMessage(error));
            }
          }}
        />
        {result ? (
          <div data-testid="worker-import-result">
            <Alert
              showIcon
              type={result.applied ? (result.invalid > 0 ? 'warning' : 'success') : 'error'}
              message={
                result.message ??
                (result.applied
                  ? `已导入：新增 ${result.created} 人，修改 ${result.updated} 人，未变 ${result.unchanged} 人`
                  : `有 ${result.invalid} 行有误，未导入任何一行，请按错误报告改正后重新导入`)
              }
            />
            <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
              <Descriptions.Item label="数据行">{result.rows}</Descriptions.Item>
              <Descriptions.Item label="有误的行">{result.invalid}</Descriptions.Item>
              <Descriptions.Item label="新增">{result.created}</Descriptions.Item>
            </Descriptions>
            {result.hasReport ? (
              <Button
                onClick={() =>
                  void download(
                    `/model-worker-imports/${result.id}/report`,
                    `劳动模范名册导入错误报告-${result.id}.xlsx`,
                  )
                }
                data-testid="worker-import-report"
              >
                下载错误报告
              </Button>
            ) : null}
          </div>
        ) : null}
      </Space>
    </Modal>
  );
}
