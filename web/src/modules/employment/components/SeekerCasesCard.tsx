import { Link } from 'react-router';
import { App as AntApp, Button, Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SeekerCase } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useLinkSeekerCase, useSeekerCases } from '../api/seekerCases.ts';

/**
 * The one-stop assistance centre's cases of the same person (by resident ID) that the caller may see; a
 * job-referral case is linked to the seeker's record here, and the case page then shows the seeker too.
 */
export function SeekerCasesCard({ seekerId, mayWrite }: { seekerId: number; mayWrite: boolean }) {
  const { message } = AntApp.useApp();
  const cases = useSeekerCases(seekerId);
  const link = useLinkSeekerCase(seekerId);
  const columns: TableColumnsType<SeekerCase> = [
    {
      title: '案件编号',
      dataIndex: 'number',
      width: 200,
      render: (n: string, c) => <Link to={`/assistance/cases/${c.id}`}>{n}</Link>,
    },
    { title: '类型', dataIndex: 'typeLabel', width: 130 },
    { title: '事由', dataIndex: 'subject', ellipsis: true },
    { title: '受理日期', dataIndex: 'receivedOn', width: 110, render: formatDate },
    { title: '办理单位', dataIndex: 'handlingUnitName', width: 160, ellipsis: true },
    { title: '状态', dataIndex: 'statusLabel', width: 90 },
    {
      title: '关联',
      key: 'link',
      width: 110,
      render: (_: unknown, c) =>
        c.linked ? (
          <Tag color="green">已关联</Tag>
        ) : c.linkable && mayWrite ? (
          <Button
            size="small"
            loading={link.isPending && link.variables?.caseId === c.id}
            data-testid="seeker-case-link"
            onClick={() =>
              link.mutate(
                { caseId: c.id, note: null },
                {
                  onSuccess: () => void message.success(`已关联案件 ${c.number}`),
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            关联
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title="帮扶中心案件" extra="同一证件号码、您管辖范围内的案件">
      <Table<SeekerCase>
        rowKey="id"
        size="small"
        loading={cases.isLoading}
        columns={columns}
        dataSource={cases.data?.items ?? []}
        pagination={false}
        data-testid="seeker-cases"
        locale={{ emptyText: '帮扶中心没有此人的案件' }}
      />
    </Card>
  );
}
