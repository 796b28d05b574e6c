import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Drawer, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { indicatorLabels, type IndicatorKey, type IndicatorPart } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { PartyTag, UnionTag } from '../../employers/components/StatusTags.tsx';
import { useEmployersBehind, useLeftOut, type EmployerBehind } from '../api/indicators.ts';
import { useExplanation } from './IndicatorHelp.tsx';

export interface EmployersBehindTarget {
  unitId: number;
  unitName: string;
  part: IndicatorPart;
  /** Only the employers placed at the unit itself. */
  direct: boolean;
}

interface EmployersBehindDrawerProps {
  target: EmployersBehindTarget;
  indicator: IndicatorKey;
  asOf: string;
  onClose(): void;
}

const partLabels: Record<IndicatorPart, string> = { numerator: '分子', denominator: '分母' };

const columns: TableColumnsType<EmployerBehind> = [
  {
    title: '单位名称',
    dataIndex: 'name',
    ellipsis: true,
    render: (name: string, row) => <Link to={`/employers/${row.id}`}>{name}</Link>,
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    width: 190,
    render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span>,
  },
  { title: '所在地', dataIndex: 'orgUnitName', width: 160, ellipsis: true },
  { title: '职工', dataIndex: 'employees', width: 80, align: 'right', render: (n: number) => formatCount(n) },
  { title: '会员', dataIndex: 'members', width: 80, align: 'right', render: (n: number) => formatCount(n) },
  { title: '工会', dataIndex: 'unionStatus', width: 96, render: (s: string) => <UnionTag status={s} /> },
  { title: '党组织', dataIndex: 'partyStatus', width: 96, render: (s: string) => <PartyTag status={s} /> },
];

/** The employers counted in a numerator or denominator, paged on the server. */
export function EmployersBehindDrawer({ target, indicator, asOf, onClose }: EmployersBehindDrawerProps) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useEmployersBehind({
    unitId: target.unitId,
    asOf,
    indicator,
    part: target.part,
    direct: target.direct || undefined,
    page,
    pageSize,
  });
  const explanation = useExplanation(indicator);
  const leftOut = useLeftOut(
    target.part === 'denominator'
      ? { unitId: target.unitId, asOf, indicator, direct: target.direct || undefined }
      : null,
  );
  const left = leftOut.data;
  const leftCount = left ? left.areaEmployers - left.counted : 0;
  return (
    <Drawer
      open
      size={960}
      onClose={onClose}
      title={`${target.unitName} · ${indicatorLabels[indicator]} · ${partLabels[target.part]}（截至 ${formatDate(asOf)}）`}
      data-testid="employers-behind"
    >
      {list.isError ? (
        <Alert type="error" showIcon title="单位名单载入失败" description={errorMessage(list.error)} />
      ) : null}
      {explanation ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="employers-behind-rule"
          title={
            target.part === 'denominator'
              ? `分母：${explanation.denominator}`
              : `分子：${explanation.numerator}`
          }
          description={
            target.part === 'denominator' && left ? (
              <span data-testid="employers-left-out">
                {`本地区截至 ${formatDate(asOf)} 登记的单位共 ${formatCount(left.areaEmployers)} 家，计入分母 ${formatCount(left.counted)} 家`}
                {leftCount > 0
                  ? `，未计入 ${formatCount(leftCount)} 家：${left.groups
                      .map((g) => `${g.label} ${formatCount(g.count)} 家`)
                      .join('；')}`
                  : '，没有未计入的单位'}
                。
              </span>
            ) : null
          }
        />
      ) : null}
      <Table<EmployerBehind>
        data-testid="employers-behind-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${formatCount(total)} 家单位`,
          onChange: (next, size) => {
            setPage(size !== pageSize ? 1 : next);
            setPageSize(size);
          },
        }}
      />
    </Drawer>
  );
}
