import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { agreementKindLabels, type AgreementEmployer } from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, todayIso } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useAgreement, useRemoveAgreementEmployers } from '../api/agreements.ts';
import { AgreementScans } from '../components/AgreementScans.tsx';
import { AddEmployersModal } from '../components/AddEmployersModal.tsx';
import { raiseText, yuanText } from '../components/format.ts';

/** One agreement: its terms, the employers it covers and the workers they employ. */
export function AgreementPage() {
  const id = Number(useParams().id);
  const canWrite = useCan('agreement:write');
  const { message } = AntApp.useApp();
  const agreement = useAgreement(id);
  const remove = useRemoveAgreementEmployers(id);
  const [adding, setAdding] = useState(false);

  if (!Number.isInteger(id) || id < 1 || isNotFound(agreement.error)) {
    return (
      <NotFoundResult
        what="集体合同"
        back={{ to: '/agreements', label: '返回合同列表' }}
        testId="agreement-not-found"
      />
    );
  }
  if (agreement.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (agreement.isError) {
    return (
      <Alert type="error" showIcon title="集体合同载入失败" description={errorMessage(agreement.error)} />
    );
  }
  const a = agreement.data;
  const today = todayIso();
  const inForce = a.startsOn <= today && a.endsOn >= today;
  const soleEmployer = a.employers.length <= 1;

  const columns: TableColumnsType<AgreementEmployer> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <Space size={6}>
          <Link to={`/employers/${e.id}`}>{name}</Link>
          {e.closedOn ? <Tag>已注销</Tag> : null}
        </Space>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
    { title: '所在地', dataIndex: 'orgUnitName', width: 200 },
    { title: '职工人数', dataIndex: 'employees', width: 100, align: 'right', render: formatCount },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v: unknown, e: AgreementEmployer) => (
              <Popconfirm
                title={`从本合同移除「${e.name}」？`}
                okText="移除"
                cancelText="取消"
                disabled={soleEmployer}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync({ employerIds: [e.id] });
                    void message.success(`已移除 ${e.name}`);
                  } catch (error) {
                    void message.error(errorMessage(error));
                  }
                }}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  disabled={soleEmployer}
                  title={soleEmployer ? '集体合同至少要覆盖一家单位' : undefined}
                  data-testid="agreement-remove-employer"
                >
                  移除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="agreement-page">
      <Card
        title={
          <Space>
            <span data-testid="agreement-title">{a.title}</span>
            {a.wageSpecific ? <Tag color="blue">工资专项</Tag> : <Tag>综合</Tag>}
            {inForce ? (
              <Tag color="green">履行中</Tag>
            ) : a.startsOn > today ? (
              <Tag>未生效</Tag>
            ) : (
              <Tag>已期满</Tag>
            )}
          </Space>
        }
        extra={<Link to="/agreements">返回列表</Link>}
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small" data-testid="agreement-terms">
          <Descriptions.Item label="合同类型">{agreementKindLabels[a.kind]}</Descriptions.Item>
          <Descriptions.Item label="签约工会">{a.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="签订日期">{formatDate(a.signedOn)}</Descriptions.Item>
          <Descriptions.Item label="期限">
            {formatDate(a.startsOn)} 至 {formatDate(a.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label="备案日期">{formatDate(a.filedOn)}</Descriptions.Item>
          <Descriptions.Item label="工资增幅">{raiseText(a.raiseBp)}</Descriptions.Item>
          <Descriptions.Item label="最低工资（月）">{yuanText(a.minimumWageFen)}</Descriptions.Item>
          <Descriptions.Item label="备注" span={2}>
            {a.note ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="覆盖单位"
        extra={
          canWrite && a.kind !== 'enterprise' ? (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="agreement-add">
              增加覆盖单位
            </Button>
          ) : null
        }
      >
        <Space size={48} style={{ marginBottom: 16 }}>
          <Statistic title="覆盖单位" value={a.employerCount} suffix="家" />
          <Statistic title="覆盖职工" value={a.workersCovered} suffix="人" data-testid="agreement-workers" />
        </Space>
        <Table<AgreementEmployer>
          data-testid="agreement-employers-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={a.employers}
          loading={agreement.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      <AgreementScans agreement={a} mayAdd={canWrite} />
      {adding ? (
        <AddEmployersModal
          agreement={a}
          onClose={() => setAdding(false)}
          onAdded={(r) =>
            void message.success(
              `已增加 ${r.changed} 家单位${r.unchanged ? `，${r.unchanged} 家原已覆盖` : ''}`,
            )
          }
        />
      ) : null}
    </Space>
  );
}
