import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Progress,
  Result,
  Space,
  Spin,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { downloadExport } from '../../../shared/download.ts';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { uploadRoster, useMemberImport } from '../api/members.ts';
import { ImportHeldRows, UndoImportButton } from '../components/ImportHeldRows.tsx';

export function MemberImportPage() {
  const me = useSession();
  const { message } = AntApp.useApp();
  const [orgUnitId, setOrgUnitId] = useState<number | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const status = useMemberImport(importId);
  const imp = status.data;
  const percent = imp?.total ? Math.min(100, Math.round((imp.progress / imp.total) * 100)) : 0;

  const send = async (file: File) => {
    if (!orgUnitId) {
      void message.warning('请先选择名册所属的工会');
      return;
    }
    setUploading(file.name);
    try {
      setImportId((await uploadRoster(file, orgUnitId, me.csrfToken)).id);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(null);
    }
  };

  return (
    <Card title="导入会员名册">
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        <Alert
          type="info"
          showIcon
          title="按模板填写 .xlsx 或 .csv 文件。全部行校验通过才会写入；有任何错误，系统不写入任何数据并给出错误报告。同一文件重复导入不会重复登记。已有会员：空着的格子和没有的列不会清除已登记的内容；其他工会的会员不会被修改，会单独列出。"
        />
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            data-testid="import-template"
            onClick={() =>
              void downloadExport('/members/template', {}, '会员名册导入模板.xlsx').catch((e: unknown) =>
                message.error(errorMessage(e)),
              )
            }
          >
            下载导入模板
          </Button>
        </Space>
        <Form layout="vertical" style={{ maxWidth: 520 }}>
          <Form.Item label="名册所属工会（行中未填“所属工会编号”的会员登记到这里）" required>
            <OrgPicker asOf={todayIso()} value={orgUnitId} onChange={setOrgUnitId} testId="import-union" />
          </Form.Item>
        </Form>
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={uploading !== null}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或把名册文件拖到这里上传（.xlsx 或 .csv，最大 512 MB）</p>
        </Upload.Dragger>
        {uploading !== null ? (
          <Card size="small" title={`上传：${uploading}`} data-testid="import-uploading">
            <Space>
              <Spin size="small" />
              <Typography.Text type="secondary">正在上传文件，上传完成后开始逐行校验…</Typography.Text>
            </Space>
          </Card>
        ) : imp ? (
          <Card size="small" title={`导入：${imp.fileName}`} data-testid="import-status">
            {imp.status === 'queued' || imp.status === 'running' ? (
              <div>
                <Progress percent={percent} status="active" data-testid="import-progress" />
                <Typography.Text type="secondary">
                  已读取 {formatCount(imp.rowsRead)} 行，正在校验…
                </Typography.Text>
              </div>
            ) : imp.status === 'done' ? (
              <>
                <Result
                  status="success"
                  title="导入完成"
                  subTitle={`新增 ${formatCount(imp.summary?.created)} 人，更新 ${formatCount(imp.summary?.updated)} 人，未变化 ${formatCount(imp.summary?.unchanged)} 人${imp.summary?.heldElsewhere ? `；${formatCount(imp.summary.heldElsewhere)} 行为其他工会的会员，未导入` : ''}${imp.summary?.nameChanges ? `；${formatCount(imp.summary.nameChanges)} 行姓名变更待确认` : ''}`}
                  data-testid="import-done"
                  extra={<UndoImportButton imp={imp} />}
                />
                <ImportHeldRows imp={imp} />
              </>
            ) : imp.status === 'undone' ? (
              <Result status="info" title="本次导入已撤销" data-testid="import-undone" />
            ) : (
              <Result
                status="error"
                title={
                  imp.status === 'rejected'
                    ? `有 ${formatCount(imp.summary?.errors)} 行不符合要求，未导入任何数据`
                    : `导入失败：${imp.error ?? ''}`
                }
                subTitle="请下载错误报告，改正后重新导入整个文件。"
                data-testid="import-rejected"
                extra={
                  imp.hasReport ? (
                    <Button
                      type="primary"
                      data-testid="import-report"
                      onClick={() =>
                        void downloadExport(`/member-imports/${imp.id}/report`, {}, '错误报告.xlsx').catch(
                          (e: unknown) => message.error(errorMessage(e)),
                        )
                      }
                    >
                      下载错误报告
                    </Button>
                  ) : null
                }
              />
            )}
          </Card>
        ) : null}
      </Space>
    </Card>
  );
}
