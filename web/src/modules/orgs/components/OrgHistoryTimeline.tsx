import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineItemType } from 'antd/es/timeline/Timeline';
import { orgChangeLabels, type OrgHistory, type OrgVersion } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useOrgHistory } from '../api/orgs.ts';
import dayjs from 'dayjs';

interface OrgHistoryTimelineProps {
  unitId: number;
  asOf: string;
  /** Opens another unit, optionally at a date on which it existed. */
  onOpenUnit(id: number, asOf?: string): void;
}

const changeColors: Record<OrgVersion['change'], string> = {
  create: 'green',
  rename: 'blue',
  move: 'orange',
  merge: 'purple',
};

function coversDate(version: OrgVersion, date: string): boolean {
  return version.validFrom <= date && (version.validTo === null || date < version.validTo);
}

function versionItem(version: OrgVersion, index: number, asOf: string): TimelineItemType {
  const current = coversDate(version, asOf);
  return {
    key: `v${index}`,
    color: current ? 'blue' : 'gray',
    title: formatDate(version.validFrom),
    content: (
      <div data-testid="org-history-version" data-change={version.change}>
        <Space size={6} wrap>
          <Tag color={changeColors[version.change]}>{orgChangeLabels[version.change]}</Tag>
          <Typography.Text strong>{version.name}</Typography.Text>
          {current ? <Tag color="blue">所选日期</Tag> : null}
        </Space>
        <div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 4, fontSize: 13 }}>
          {version.parentName ? `隶属 ${version.parentName}` : '顶层组织'}
          {'，'}
          {version.validTo
            ? `${formatDate(version.validFrom)} 至 ${formatDate(version.validTo)}`
            : `${formatDate(version.validFrom)} 起至今`}
        </div>
        {version.note ? (
          <div style={{ marginTop: 2, fontSize: 13 }}>
            <Typography.Text type="secondary">{version.note}</Typography.Text>
          </div>
        ) : null}
      </div>
    ),
  };
}

function historyItems(history: OrgHistory, asOf: string, onOpenUnit: OrgHistoryTimelineProps['onOpenUnit']) {
  const versions = [...history.versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const items: TimelineItemType[] = versions.map((version, index) => versionItem(version, index, asOf));
  const { closedOn, successor } = history.unit;
  if (closedOn) {
    items.push({
      key: 'closed',
      color: 'red',
      title: formatDate(closedOn),
      content: (
        <div data-testid="org-history-closed">
          <Tag color="red">撤销</Tag>
          {successor ? (
            <span>
              并入{' '}
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                data-testid="org-history-successor"
                onClick={() => onOpenUnit(successor.id, asOf < closedOn ? closedOn : undefined)}
              >
                {successor.name}
              </Button>
            </span>
          ) : (
            <Typography.Text type="secondary">无承继组织</Typography.Text>
          )}
        </div>
      ),
    });
  }
  return items;
}

/** Every version of a unit: when it was founded, renamed, moved or merged, and what it became. */
export function OrgHistoryTimeline({ unitId, asOf, onOpenUnit }: OrgHistoryTimelineProps) {
  const history = useOrgHistory(unitId);
  if (history.isError && isApiError(history.error) && history.error.code === 'NOT_FOUND') return null;

  return (
    <Card title="沿革" size="small" data-testid="org-history">
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <Alert type="error" showIcon title="沿革载入失败" description={errorMessage(history.error)} />
      ) : history.data.versions.length === 0 ? (
        <Empty description="暂无沿革记录" />
      ) : (
        <>
          {history.data.unit.predecessors.length > 0 ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="org-history-predecessors"
              title={
                <span>
                  由以下组织合并而来：
                  {history.data.unit.predecessors.map((predecessor, index) => (
                    <span key={predecessor.id}>
                      {index > 0 ? '、' : null}
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() =>
                          onOpenUnit(
                            predecessor.id,
                            predecessor.closedOn
                              ? dayjs(predecessor.closedOn).subtract(1, 'day').format('YYYY-MM-DD')
                              : undefined,
                          )
                        }
                      >
                        {predecessor.name}
                      </Button>
                      {predecessor.closedOn ? (
                        <Typography.Text type="secondary">
                          （{formatDate(predecessor.closedOn)} 撤销）
                        </Typography.Text>
                      ) : null}
                    </span>
                  ))}
                </span>
              }
            />
          ) : null}
          <Timeline titleSpan="96px" items={historyItems(history.data, asOf, onOpenUnit)} />
        </>
      )}
    </Card>
  );
}
