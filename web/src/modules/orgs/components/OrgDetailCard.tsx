import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import {
  jointTypeLabels,
  orgKindLabels,
  orgLevelLabels,
  type OrgHistory,
  type OrgUnit,
} from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { useOrgAncestors, useOrgHistory, useOrgUnit } from '../api/orgs.ts';

interface OrgDetailCardProps {
  unitId: number;
  asOf: string;
  actions?: (unit: OrgUnit, ancestors: OrgUnit[]) => ReactNode;
  onOpenUnit(id: number, asOf?: string): void;
}

function kindText(unit: OrgUnit): string {
  const kind = orgKindLabels[unit.kind];
  return unit.jointType ? `${kind}（${jointTypeLabels[unit.jointType]}）` : kind;
}

function detailItems(
  unit: OrgUnit,
  ancestors: OrgUnit[] | undefined,
  history: OrgHistory | undefined,
  onOpenUnit: OrgDetailCardProps['onOpenUnit'],
): DescriptionsProps['items'] {
  const parent = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  const outsideParent = history?.versions.find(
    (version) =>
      version.validFrom <= unit.validFrom && (version.validTo === null || unit.validFrom < version.validTo),
  )?.parentName;
  const successor = history?.unit.successor ?? null;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '名称', children: <span data-testid="org-detail-name">{unit.name}</span> },
    { key: 'kind', label: '组织类型', children: kindText(unit) },
    { key: 'level', label: '层级', children: orgLevelLabels[unit.level] },
    { key: 'division', label: '行政区划代码', children: unit.divisionCode ?? '—' },
    {
      key: 'parent',
      label: '上级组织',
      children: parent ? (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenUnit(parent.id)}>
          {parent.name}
        </Button>
      ) : unit.parentId === null ? (
        '—（顶层组织）'
      ) : (
        (outsideParent ?? '—')
      ),
    },
    { key: 'children', label: '直属下级组织', children: `${formatCount(unit.childCount)} 个` },
    {
      key: 'valid',
      label: '有效期',
      children: (
        <span data-testid="org-detail-valid">
          {formatDate(unit.validFrom)} 起{unit.validTo ? `，至 ${formatDate(unit.validTo)}` : '，至今有效'}
        </span>
      ),
    },
    {
      key: 'closed',
      label: '撤销日期',
      children: unit.closedOn ? <Tag color="red">{formatDate(unit.closedOn)}</Tag> : '—',
    },
    {
      key: 'successor',
      label: '承继组织',
      children:
        successor || unit.successorId ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            data-testid="org-detail-successor"
            onClick={() =>
              onOpenUnit(successor?.id ?? unit.successorId ?? unit.id, unit.closedOn ?? undefined)
            }
          >
            {successor?.name ?? `组织 #${unit.successorId}`}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  if (ancestors && ancestors.length > 0) {
    items.push({
      key: 'path',
      label: '所属路径',
      span: 'filled',
      children: ancestors.map((ancestor) => ancestor.name).join(' / '),
    });
  }
  return items;
}

/** The selected unit as it stood on the as-of date, with the actions the user may take on it. */
export function OrgDetailCard({ unitId, asOf, actions, onOpenUnit }: OrgDetailCardProps) {
  const unit = useOrgUnit(unitId, asOf);
  const ancestors = useOrgAncestors(unitId, asOf, unit.isSuccess);
  const history = useOrgHistory(unitId);

  if (unit.isError) {
    const notFound = isApiError(unit.error) && unit.error.code === 'NOT_FOUND';
    const closedOn = history.data?.unit.closedOn;
    const versions = history.data?.versions;
    const latestName = versions?.[versions.length - 1]?.name;
    // A unit unknown altogether gets the page's not-found result; the card speaks of a date only.
    if (notFound && !latestName) return null;
    return (
      <Card title="组织详情" data-testid="org-detail">
        <Alert
          data-testid={notFound ? 'org-not-on-date' : 'org-detail-error'}
          type={notFound ? 'warning' : 'error'}
          showIcon
          title={notFound ? `${formatDate(asOf)} 时找不到该组织` : '组织详情载入失败'}
          description={
            notFound
              ? `${latestName}在所选日期尚未成立或已经撤销${closedOn ? `（${formatDate(closedOn)} 撤销）` : ''}，可在下方沿革中查看它的变化，或调整页面顶部的截至日期。`
              : errorMessage(unit.error)
          }
        />
      </Card>
    );
  }

  return (
    <Card
      data-testid="org-detail"
      title={
        unit.data ? (
          <Space size={8}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {unit.data.name}
            </Typography.Text>
            <Tag color="geekblue">{orgLevelLabels[unit.data.level]}</Tag>
            {unit.data.closedOn && unit.data.closedOn <= asOf ? <Tag>已撤销</Tag> : null}
          </Space>
        ) : (
          '组织详情'
        )
      }
    >
      {unit.data ? (
        <>
          {actions ? (
            <div style={{ marginBottom: 16 }}>{actions(unit.data, ancestors.data ?? [])}</div>
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={detailItems(unit.data, ancestors.data, history.data, onOpenUnit)}
          />
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 4 }} />
      )}
    </Card>
  );
}
