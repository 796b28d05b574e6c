import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Spin, Table, Tag } from 'antd';
import { modelWorkerLevelLabels, modelWorkerStatusLabels, type Visit } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { FileExportButton } from '../../../shared/list/FileExport.tsx';
import { formatDate } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useCycle, useRecordVisit, useVisits } from '../api/modelWorkers.ts';
import { yuan } from '../components/money.ts';

interface VisitValues {
  done: boolean;
  visitedBy?: string;
  visitedOn?: string;
  note?: string;
}

/** One visit cycle: its recipients, who visited them and when. */
export function VisitCyclePage() {
  const id = Number(useParams().id);
  const cycle = useCycle(id);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [done, setDone] = useState<boolean | undefined>(undefined);
  const visits = useVisits(id, { ...page, done });
  const canWrite = useCan('model_worker:write');
  const record = useRecordVisit(id);
  const [form] = Form.useForm<VisitValues>();
  const [editing, setEditing] = useState<Visit | null>(null);
  if (cycle.error)
    return <Alert type="error" showIcon message="慰问活动载入失败" description={errorMessage(cycle.error)} />;
  const c = cycle.data;
  if (!c) return <Spin />;
  return (
    <Card
      title={c.title}
      data-testid="cycle-page"
      extra={
        <FileExportButton
          spec={{
            path: `/model-workers/visit-cycles/${id}/visits/export`,
            query: { done },
            fallbackName: '慰问名单.xlsx',
            rowUnit: '人',
            testId: 'visits-export',
          }}
        />
      }
    >
      <Descriptions column={3} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="慰问单位">{c.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="时间">{`${formatDate(c.startsOn)} 至 ${formatDate(c.endsOn)}`}</Descriptions.Item>
        <Descriptions.Item label="慰问品 / 慰问金">
          {[c.gift, c.amountFen ? `${yuan(c.amountFen)} 元` : null].filter(Boolean).join('，')}
        </Descriptions.Item>
        <Descriptions.Item label="已慰问">
          <span data-testid="cycle-done">{c.done}</span> / {c.recipients} 人
        </Descriptions.Item>
      </Descriptions>
      <Radio.Group
        value={done === undefined ? 'all' : String(done)}
        onChange={(e) => {
          const v = e.target.value as string;
          setDone(v === 'all' ? undefined : v === 'true');
          setPage({ ...page, page: 1 });
        }}
        style={{ marginBottom: 12 }}
      >
        <Radio.Button value="all">全部</Radio.Button>
        <Radio.Button value="false">待慰问</Radio.Button>
        <Radio.Button value="true">已慰问</Radio.Button>
      </Radio.Group>
      <Table<Visit>
        rowKey="workerId"
        size="small"
        loading={visits.isFetching}
        dataSource={visits.data?.items}
        data-testid="visits-table"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: visits.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所属工会', dataIndex: 'orgUnitName' },
          { title: '级别', render: (_v, v) => modelWorkerLevelLabels[v.level] },
          { title: '状态', render: (_v, v) => modelWorkerStatusLabels[v.status] },
          {
            title: '慰问',
            render: (_v, v) => (v.done ? <Tag color="green">已慰问</Tag> : <Tag>待慰问</Tag>),
          },
          { title: '慰问人', dataIndex: 'visitedBy' },
          { title: '日期', render: (_v, v) => formatDate(v.visitedOn) },
          {
            title: '操作',
            width: 70,
            render: (_v, v) =>
              canWrite ? (
                <Button type="link" size="small" onClick={() => setEditing(v)} data-testid="visit-record">
                  登记
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <FormModal<VisitValues>
          title={`登记慰问：${editing.name}`}
          open
          form={form}
          testId="visit-form"
          fields={['done', 'visitedBy', 'visitedOn', 'note']}
          initialValues={{
            done: true,
            visitedBy: editing.visitedBy ?? undefined,
            visitedOn: editing.visitedOn ?? undefined,
          }}
          onCancel={() => setEditing(null)}
          onSubmit={async (v) => {
            await record.mutateAsync({
              workerId: editing.workerId,
              body: {
                done: v.done,
                visitedBy: v.visitedBy?.trim() || null,
                visitedOn: v.visitedOn ?? null,
                note: v.note?.trim() || null,
              },
            });
            setEditing(null);
          }}
        >
          <Form.Item name="done" label="是否已慰问" required>
            <Radio.Group>
              <Radio value>已慰问</Radio>
              <Radio value={false}>未慰问</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="visitedBy" label="慰问人">
            <Input maxLength={60} data-testid="visit-by" />
          </Form.Item>
          <Form.Item name="visitedOn" label="慰问日期" {...isoDateItemProps}>
            <DatePicker style={{ width: '100%' }} data-testid="visit-on" />
          </Form.Item>
          <Form.Item name="note" label="情况记录">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}
