import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Space,
  Spin,
  Table,
  Tag,
  type ButtonProps,
} from 'antd';
import {
  modelWorkerLevelLabels,
  paidStatusLabels,
  rollChangeLabels,
  rollStatusLabels,
  type RollChange,
  type RollLine,
} from '@gonghui/contracts';
import { apiUrl, errorMessage } from '../../../api/client.ts';
import { downloadExport } from '../../../shared/download.ts';
import { FileExportButton } from '../../../shared/list/FileExport.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useBankReturn, useRoll, useRollAction, useRollLines } from '../api/modelWorkers.ts';
import { yuan } from '../components/money.ts';

const bankOk: ButtonProps & Record<`data-${string}`, string> = { 'data-testid': 'bank-file-ok' };

/** One roll: its preview or frozen lines, approval, the bank file, the bank's return and the sign-off. */
export function RollPage() {
  const id = Number(useParams().id);
  const roll = useRoll(id);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const lines = useRollLines(id, page);
  const canWrite = useCan('model_worker:write');
  const canApprove = useCan('model_worker:approve');
  const approve = useRollAction(id, 'approve');
  const refresh = useRollAction(id, 'refresh');
  const bankReturn = useBankReturn(id);
  const { message, modal } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const [reason, setReason] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  if (roll.error)
    return <Alert type="error" showIcon message="名册载入失败" description={errorMessage(roll.error)} />;
  const r = roll.data;
  if (!r) return <Spin />;
  const approved = r.status === 'approved';
  const act = async (what: 'approve' | 'refresh') => {
    try {
      const after = await (what === 'approve' ? approve : refresh).mutateAsync();
      if (what === 'approve')
        void message.success(
          after.changes.length > 0
            ? `已审批；预览后有 ${after.changes.length} 人变化，见下表`
            : '已审批，名单与预览一致',
        );
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={r.title}
        data-testid="roll-page"
        extra={
          <Space>
            {!approved && canWrite ? (
              <Button
                onClick={() => void act('refresh')}
                loading={refresh.isPending}
                data-testid="roll-refresh"
              >
                重新生成预览
              </Button>
            ) : null}
            {!approved && canApprove ? (
              <Button
                type="primary"
                loading={approve.isPending}
                data-testid="roll-approve"
                onClick={() =>
                  modal.confirm({
                    title: '审批名册',
                    content: '审批时将按当前名册和补助标准重新核对资格，并冻结名单、标准版本和金额。',
                    okText: '审批',
                    onOk: () => act('approve'),
                  })
                }
              >
                审批
              </Button>
            ) : null}
            {approved && canWrite ? (
              <>
                <Button onClick={() => setExporting(true)} data-testid="roll-bank-file">
                  导出银行代发文件
                </Button>
                <Button
                  onClick={() => fileInput.current?.click()}
                  loading={bankReturn.isPending}
                  data-testid="roll-bank-return"
                >
                  导入银行回单
                </Button>
                <input
                  ref={fileInput}
                  type="file"
                  accept=".xlsx"
                  style={{ display: 'none' }}
                  data-testid="roll-bank-return-file"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (!file) return;
                    try {
                      const res = await bankReturn.mutateAsync(file);
                      void message.success(
                        `已登记：到账 ${res.paid} 笔，失败 ${res.failed} 笔，未变 ${res.unchanged} 笔`,
                      );
                    } catch (error) {
                      void message.error(errorMessage(error));
                    }
                  }}
                />
                <Button
                  href={apiUrl(`/model-workers/rolls/${id}/sign-off`)}
                  target="_blank"
                  data-testid="roll-sign-off"
                >
                  打印签收表
                </Button>
              </>
            ) : null}
          </Space>
        }
      >
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="发放单位">{r.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="期间">{r.period}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={approved ? 'green' : 'blue'} data-testid="roll-status">
              {rollStatusLabels[r.status]}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="人数">
            <span data-testid="roll-recipients">{r.recipients}</span>
          </Descriptions.Item>
          <Descriptions.Item label="金额（元）">
            <span data-testid="roll-total">{yuan(r.totalFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="已到账（元）">
            <span data-testid="roll-paid">{yuan(r.paidFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="预览生成">{formatDateTime(r.previewedAt)}</Descriptions.Item>
          <Descriptions.Item label="审批">
            {r.approvedAt ? `${r.approvedBy ?? ''} ${formatDateTime(r.approvedAt)}` : '未审批'}
          </Descriptions.Item>
          <Descriptions.Item label="未登记银行账户">{r.missingAccounts} 人</Descriptions.Item>
        </Descriptions>
      </Card>
      {r.changes.length > 0 ? (
        <Card title="预览后至审批时的变化" data-testid="roll-changes">
          <Table<RollChange>
            rowKey="workerId"
            size="small"
            pagination={false}
            dataSource={r.changes}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '变化', render: (_v, c) => rollChangeLabels[c.change] },
              { title: '预览时（元）', render: (_v, c) => yuan(c.before) },
              { title: '审批时（元）', render: (_v, c) => yuan(c.after) },
            ]}
          />
        </Card>
      ) : null}
      <Card
        title={approved ? '发放明细' : '预览名单'}
        extra={
          <FileExportButton
            spec={{
              path: `/model-workers/rolls/${id}/lines/export`,
              query: {},
              fallbackName: '劳模补助名册.xlsx',
              rowUnit: '人',
              testId: 'roll-lines-export',
            }}
          />
        }
      >
        <Table<RollLine>
          rowKey="workerId"
          size="small"
          loading={lines.isFetching}
          dataSource={lines.data?.items}
          data-testid="roll-lines"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: lines.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '所属工会', dataIndex: 'orgUnitName' },
            { title: '级别', render: (_v, l) => modelWorkerLevelLabels[l.level] },
            { title: '补助标准', render: (_v, l) => `${l.ruleName}（第 ${l.ruleVersion} 版）` },
            { title: '金额（元）', render: (_v, l) => yuan(l.amountFen) },
            { title: '银行账号', render: (_v, l) => l.bankAccountMasked ?? '未登记' },
            { title: '发放', render: (_v, l) => (l.paidStatus ? paidStatusLabels[l.paidStatus] : '待审批') },
          ]}
        />
      </Card>
      <Modal
        title="导出银行代发文件"
        open={exporting}
        okText="导出"
        onCancel={() => setExporting(false)}
        okButtonProps={bankOk}
        onOk={async () => {
          try {
            await downloadExport(
              `/model-workers/rolls/${id}/bank-file`,
              { reason: reason.trim() },
              '银行代发.xlsx',
            );
            setExporting(false);
          } catch (error) {
            void message.error(errorMessage(error));
          }
        }}
        destroyOnHidden
      >
        <p>文件中含完整银行账号，导出记入审计日志。</p>
        <Input
          placeholder="导出原因"
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          data-testid="bank-file-reason"
        />
      </Modal>
    </Space>
  );
}
