import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Form, Space, Spin, Table, Timeline } from 'antd';
import {
  assistanceKindLabels,
  caseTypeLabels,
  caseTypes,
  type AssistanceCase,
  type AssistanceGiven,
  type CaseType,
} from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { FilterSelect } from '../../../shared/FilterSelect.tsx';
import { formatDate } from '../../../shared/format.ts';
import { DateFilter } from '../../../shared/list/filterInputs.tsx';
import { useWorkerTimeline, type TimelineFilters } from '../api/handling.ts';
import { yuan } from '../components/money.ts';
import { ClockTag, StatusTag } from '../components/caseTags.tsx';

/** Everything the centre did for one worker: their cases of every type and the help given, by date. */
export function WorkerTimelinePage() {
  const id = Number(useParams().id);
  const [filters, setFilters] = useState<TimelineFilters>({});
  const found = useWorkerTimeline(id, filters);
  if (!Number.isInteger(id) || id < 1 || isNotFound(found.error))
    return (
      <NotFoundResult
        what="职工"
        back={{ to: '/assistance/cases', label: '返回案件列表' }}
        testId="worker-not-found"
      />
    );
  if (found.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (found.isError)
    return <Alert type="error" showIcon title="求助记录载入失败" description={errorMessage(found.error)} />;
  const w = found.data;
  const paid = w.assistance.reduce((sum, g) => sum + (g.amountFen ?? 0), 0);
  const aid = w.cases.reduce((sum, c) => sum + (c.aidAmountFen ?? 0), 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="worker-page">
      <Card
        title={<span data-testid="worker-name">{w.workerName} 的求助记录</span>}
        extra={<Link to="/assistance/cases">返回案件列表</Link>}
      >
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label="类型">
            <FilterSelect<CaseType>
              placeholder="全部类型"
              options={caseTypes.map((t) => ({ value: t, label: caseTypeLabels[t] }))}
              value={filters.type}
              onChange={(type) => setFilters({ ...filters, type })}
              testId="worker-type"
              width={150}
            />
          </Form.Item>
          <Form.Item label="登记日期">
            <Space>
              <DateFilter
                placeholder="起"
                value={filters.from}
                onChange={(from) => setFilters({ ...filters, from })}
                testId="worker-from"
              />
              <DateFilter
                placeholder="止"
                value={filters.to}
                onChange={(to) => setFilters({ ...filters, to })}
                testId="worker-to"
              />
            </Space>
          </Form.Item>
        </Form>
        <div style={{ marginBottom: 12 }} data-testid="worker-summary">
          共 {w.cases.length} 件求助
          {aid > 0 ? `，生活救助 ${yuan(aid)} 元` : ''}
          {paid > 0 ? `，帮扶资金 ${yuan(paid)} 元` : ''}
        </div>
        <Timeline
          data-testid="worker-timeline"
          items={w.cases.map((c: AssistanceCase) => ({
            key: c.id,
            children: (
              <div data-testid="worker-case">
                <strong>{formatDate(c.receivedOn)}</strong> · {caseTypeLabels[c.type]} ·{' '}
                <Link to={`/assistance/cases/${c.id}`}>{c.number}</Link> · {c.subject} · <StatusTag c={c} />{' '}
                <ClockTag c={c} />
                <div>
                  {c.handlingUnitName}
                  {c.outcome ? `：${c.outcome}` : ''}
                  {c.aidAmountFen !== null ? `（救助 ${yuan(c.aidAmountFen)} 元）` : ''}
                </div>
              </div>
            ),
          }))}
        />
        {w.cases.length === 0 ? <div>没有符合条件的求助记录</div> : null}
      </Card>
      {w.assistance.length > 0 ? (
        <Card title="帮扶记录">
          <Table<AssistanceGiven>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={w.assistance}
            columns={[
              { title: '日期', dataIndex: 'givenOn', render: (d: string) => formatDate(d) },
              {
                title: '方式',
                dataIndex: 'kind',
                render: (k: AssistanceGiven['kind']) => assistanceKindLabels[k],
              },
              {
                title: '金额（元）',
                dataIndex: 'amountFen',
                align: 'right',
                render: (f: number | null) => (f === null ? '—' : yuan(f)),
              },
              { title: '内容', dataIndex: 'description', render: (d: string | null) => d ?? '—' },
              { title: '来源', dataIndex: 'fund' },
              { title: '案件', dataIndex: 'caseNumber', render: (n: string | null) => n ?? '—' },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
