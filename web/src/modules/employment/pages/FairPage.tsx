import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Space, Spin, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  fairCategoryLabels,
  jobCategoryLabels,
  suitabilityLabels,
  type FairEmployer,
  type Position,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { FileExportButton } from '../../../shared/list/FileExport.tsx';
import { useCan } from '../../auth/session.tsx';
import { useFair } from '../api/employment.ts';
import { AddFairEmployerModal } from '../components/AddFairEmployerModal.tsx';
import { CreatePositionModal } from '../components/CreatePositionModal.tsx';
import { payRange } from '../components/format.ts';

/** One fair: its details, what it achieved, its employers with their booths, and the positions they post. */
export function FairPage() {
  const id = Number(useParams().id);
  const canWrite = useCan('employment:write');
  const fair = useFair(id);
  const [adding, setAdding] = useState<'employer' | 'position' | null>(null);

  if (!Number.isInteger(id) || id < 1 || isNotFound(fair.error)) {
    return (
      <NotFoundResult
        what="招聘会"
        back={{ to: '/employment/fairs', label: '返回招聘会列表' }}
        testId="fair-not-found"
      />
    );
  }
  if (fair.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (fair.isError)
    return <Alert type="error" showIcon title="招聘会载入失败" description={errorMessage(fair.error)} />;
  const f = fair.data;
  const editable = canWrite && f.canEdit;

  const employerColumns: TableColumnsType<FairEmployer> = [
    { title: '展位号', dataIndex: 'booth', width: 90, render: (b: string | null) => b ?? '—' },
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, e) =>
        e.employerId ? (
          <Link to={`/employers/${e.employerId}`}>{name}</Link>
        ) : (
          <Space size={6}>
            {name}
            <Tag>名录外</Tag>
          </Space>
        ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
    { title: '联系人', dataIndex: 'contactName', width: 100 },
    { title: '岗位', dataIndex: 'positionCount', width: 70, align: 'right', render: formatCount },
    { title: '招聘人数', dataIndex: 'openings', width: 90, align: 'right', render: formatCount },
  ];
  const positionColumns: TableColumnsType<Position> = [
    { title: '岗位名称', dataIndex: 'title' },
    { title: '用人单位', dataIndex: 'employerName' },
    {
      title: '类别',
      dataIndex: 'jobCategory',
      width: 100,
      render: (c: Position['jobCategory']) => jobCategoryLabels[c],
    },
    { title: '人数', dataIndex: 'openings', width: 70, align: 'right', render: formatCount },
    { title: '月薪', key: 'pay', width: 140, render: (_v, p) => payRange(p.payMinFen, p.payMaxFen) },
    { title: '技能要求', dataIndex: 'skills', width: 160, render: (s: string[]) => s.join('、') },
    {
      title: '适合人群',
      dataIndex: 'suitability',
      width: 180,
      render: (s: Position['suitability']) => s.map((x) => <Tag key={x}>{suitabilityLabels[x]}</Tag>),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="fair-page">
      <Card
        title={
          <Space>
            <span data-testid="fair-title">{f.title}</span>
            <Tag color="blue">{fairCategoryLabels[f.category]}</Tag>
          </Space>
        }
        extra={
          <Space>
            <Link to={`/employment/fairs/${f.id}/booths`} data-testid="fair-booth-print">
              <Button icon={<PrinterOutlined />}>打印展位表</Button>
            </Link>
            <FileExportButton
              spec={{
                path: '/employment/booths/export',
                query: { fairId: f.id },
                fallbackName: '展位表.xlsx',
                rowUnit: '家参会单位',
                rowCount: f.employers.length,
                testId: 'fair-booth-export',
                label: '导出展位表',
              }}
            />
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="举办日期">{formatDate(f.heldOn)}</Descriptions.Item>
          <Descriptions.Item label="举办地点">{f.venue}</Descriptions.Item>
          <Descriptions.Item label="主办单位">{f.orgUnitName}</Descriptions.Item>
          {f.note ? <Descriptions.Item label="备注">{f.note}</Descriptions.Item> : null}
        </Descriptions>
        <Space size={48} style={{ marginTop: 16 }} data-testid="fair-outcome">
          <Statistic title="参会单位" value={f.employerCount} suffix="家" />
          <Statistic title="招聘人数" value={f.openings} suffix="人" />
          <Statistic title="现场登记求职" value={f.outcome.seekersReceived} suffix="人" />
          <Statistic title="推荐" value={f.outcome.recommendations} suffix="人次" />
          <Statistic title="达成就业" value={f.outcome.placed} suffix="人" />
        </Space>
      </Card>
      <Card
        title="参会单位"
        extra={
          editable ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setAdding('employer')}
              data-testid="fair-add-employer"
            >
              增加参会单位
            </Button>
          ) : null
        }
      >
        <Table<FairEmployer>
          rowKey="id"
          size="small"
          columns={employerColumns}
          dataSource={f.employers}
          pagination={false}
          data-testid="fair-employers"
        />
      </Card>
      <Card
        title="招聘岗位"
        extra={
          editable && f.employers.length > 0 ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setAdding('position')}
              data-testid="fair-add-position"
            >
              发布岗位
            </Button>
          ) : null
        }
      >
        <Table<Position>
          rowKey="id"
          size="small"
          columns={positionColumns}
          dataSource={f.positions}
          pagination={false}
          data-testid="fair-positions"
        />
      </Card>
      {adding === 'employer' ? <AddFairEmployerModal fair={f} onClose={() => setAdding(null)} /> : null}
      {adding === 'position' ? <CreatePositionModal fair={f} onClose={() => setAdding(null)} /> : null}
    </Space>
  );
}
