import { Tag } from 'antd';
import { caseStatusLabels, type AssistanceCase } from '@gonghui/contracts';
import { formatDate } from '../../../shared/format.ts';

const statusColors: Record<AssistanceCase['status'], string> = {
  received: 'blue',
  accepted: 'cyan',
  in_progress: 'geekblue',
  resolved: 'green',
  closed: 'default',
  rejected: 'orange',
};

export function StatusTag({ c }: { c: Pick<AssistanceCase, 'status'> }) {
  return (
    <Tag color={statusColors[c.status]} data-testid="case-status">
      {caseStatusLabels[c.status]}
    </Tag>
  );
}

/** The case's clock: its due date, and whether it has passed, comes soon, waits or is provisional. */
export function ClockTag({ c }: { c: AssistanceCase }) {
  if (c.paused) return <Tag color="purple">暂停计时</Tag>;
  if (!c.dueOn) return <span>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatDate(c.dueOn)}
      {c.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 4 }}>
          已超期
        </Tag>
      ) : c.dueSoon ? (
        <Tag color="gold" style={{ marginInlineStart: 4 }}>
          即将到期
        </Tag>
      ) : null}
      {c.dueProvisional ? (
        <Tag style={{ marginInlineStart: 4 }} title="节假日安排尚未公布，公布后重新计算">
          暂定
        </Tag>
      ) : null}
    </span>
  );
}
