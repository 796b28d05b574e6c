import { Empty, Tag, Timeline, Typography } from 'antd';
import type { TimelineItemType } from 'antd/es/timeline/Timeline';
import {
  partyStatusLabels,
  statusAspectLabels,
  unionStatusLabels,
  type PartyStatus,
  type StatusChange,
  type UnionStatus,
} from '@gonghui/contracts';
import { formatDate } from '../../../shared/format.ts';

const aspectColors: Record<StatusChange['aspect'], string> = {
  union: 'green',
  party: 'red',
  instructor: 'purple',
};

function describe(change: StatusChange): string {
  switch (change.aspect) {
    case 'union':
      return unionStatusLabels[change.value as UnionStatus] ?? change.value;
    case 'party':
      return partyStatusLabels[change.value as PartyStatus] ?? change.value;
    case 'instructor':
      return change.value === 'assigned' ? `选派 ${change.note ?? ''}`.trim() : '撤回指导员';
  }
}

/** The dated union, party and instructor changes of an employer, oldest first. */
export function StatusTimeline({ history }: { history: StatusChange[] }) {
  if (history.length === 0) return <Empty description="尚无建会、党组织或指导员记录" />;
  const items: TimelineItemType[] = history.map((change, index) => ({
    key: `${index}`,
    color: aspectColors[change.aspect],
    title: formatDate(change.validFrom),
    content: (
      <div data-testid="employer-history-item" data-aspect={change.aspect} data-value={change.value}>
        <Tag color={aspectColors[change.aspect]}>{statusAspectLabels[change.aspect]}</Tag>
        <Typography.Text strong>{describe(change)}</Typography.Text>
        {change.note && change.aspect !== 'instructor' ? (
          <div style={{ fontSize: 13 }}>
            <Typography.Text type="secondary">{change.note}</Typography.Text>
          </div>
        ) : null}
      </div>
    ),
  }));
  return <Timeline titleSpan="96px" items={items} />;
}
