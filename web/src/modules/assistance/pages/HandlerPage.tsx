import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Space, Spin, Table, Tag } from 'antd';
import {
  caseTypeLabels,
  handlerKindLabels,
  type HandlerAssignment,
  type HandlerDetail,
} from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useHandler, useReassign } from '../api/handling.ts';
import { HandlerSelect } from '../components/HandlerSelect.tsx';

interface ReassignValues {
  toHandlerId: number;
  reason: string;
}

/** Moves the chosen open cases of a handler, or all of them, to another handler at once. */
function ReassignModal({
  handler,
  caseIds,
  onClose,
}: {
  handler: HandlerDetail;
  caseIds: number[];
  onClose(): void;
}) {
  const [form] = Form.useForm<ReassignValues>();
  const { message } = AntApp.useApp();
  const reassign = useReassign(handler.id);
  return (
    <FormModal<ReassignValues>
      title={
        caseIds.length > 0
          ? `把「${handler.name}」选中的 ${caseIds.length} 件案件改派`
          : `把「${handler.name}」的全部在办案件改派`
      }
      open
      form={form}
      fields={['toHandlerId', 'reason']}
      okText="改派"
      testId="handler-reassign"
      onCancel={onClose}
      onSubmit={async (v) => {
        const r = await reassign.mutateAsync({
          toHandlerId: v.toHandlerId,
          reason: v.reason,
          caseIds: caseIds.length > 0 ? caseIds : undefined,
        });
        void message.success(`已改派 ${r.moved} 件案件`);
        onClose();
      }}
    >
      <Form.Item
        name="toHandlerId"
        label="接手经办人"
        rules={[{ required: true, message: '请选择接手经办人' }]}
      >
        <HandlerSelect excludeId={handler.id} testId="handler-reassign-to" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="改派原因"
        rules={[
          { required: true, message: '请填写改派原因' },
          { min: 2, message: '改派原因至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="handler-reassign-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** One handler: who they are, every case given to them and when, and bulk reassignment of the open ones. */
export function HandlerPage() {
  const id = Number(useParams().id);
  const canWrite = useCan('assistance:write');
  const found = useHandler(id);
  const [selected, setSelected] = useState<number[]>([]);
  const [reassigning, setReassigning] = useState(false);
  if (!Number.isInteger(id) || id < 1 || isNotFound(found.error))
    return (
      <NotFoundResult
        what="经办人"
        back={{ to: '/assistance/handlers', label: '返回经办人名录' }}
        testId="handler-not-found"
      />
    );
  if (found.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (found.isError)
    return <Alert type="error" showIcon title="经办人载入失败" description={errorMessage(found.error)} />;
  const h = found.data;
  const current = h.assignments.filter((a) => a.to === null && !a.closed);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="handler-page">
      <Card
        title={
          <Space>
            <span data-testid="handler-name">{h.name}</span>
            <Tag>{handlerKindLabels[h.kind]}</Tag>
            {h.userId ? <Tag color="blue">有系统账号</Tag> : <Tag>无系统账号</Tag>}
          </Space>
        }
        extra={<Link to="/assistance/handlers">返回名录</Link>}
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="所属单位">{h.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="所在机构">{h.organisation ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="在办案件">
            <span data-testid="handler-open-cases">{h.openCases}</span> 件
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="指派记录"
        extra={
          canWrite && current.length > 0 ? (
            <Button onClick={() => setReassigning(true)} data-testid="handler-reassign-open">
              {selected.length > 0 ? `改派选中的 ${selected.length} 件` : '改派全部在办案件'}
            </Button>
          ) : null
        }
      >
        <Table<HandlerAssignment>
          rowKey={(a) => `${a.caseId}-${a.from}`}
          size="small"
          dataSource={h.assignments}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="handler-assignments"
          locale={{ emptyText: '尚未指派过案件' }}
          rowSelection={
            canWrite
              ? {
                  selectedRowKeys: selected.map((caseId) => {
                    const a = current.find((x) => x.caseId === caseId);
                    return a ? `${a.caseId}-${a.from}` : '';
                  }),
                  getCheckboxProps: (a) => ({ disabled: a.to !== null || a.closed }),
                  onChange: (_keys, rows) => setSelected(rows.map((r) => r.caseId)),
                }
              : undefined
          }
          columns={[
            {
              title: '案件编号',
              dataIndex: 'caseNumber',
              render: (n: string, a) => <Link to={`/assistance/cases/${a.caseId}`}>{n}</Link>,
            },
            {
              title: '类型',
              dataIndex: 'caseType',
              render: (t: HandlerAssignment['caseType']) => caseTypeLabels[t],
            },
            { title: '事由', dataIndex: 'subject', ellipsis: true },
            { title: '起', dataIndex: 'from', render: (d: string) => formatDateTime(d) },
            {
              title: '止',
              dataIndex: 'to',
              render: (d: string | null, a) => (d ? formatDateTime(d) : a.closed ? '已办结' : '至今'),
            },
          ]}
        />
      </Card>
      {reassigning ? (
        <ReassignModal
          handler={h}
          caseIds={selected}
          onClose={() => {
            setReassigning(false);
            setSelected([]);
          }}
        />
      ) : null}
    </Space>
  );
}
