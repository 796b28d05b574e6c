import { Tag } from 'antd';
import { seekerStatusLabels, type SeekerStatus } from '@gonghui/contracts';

const colors: Record<SeekerStatus, string> = {
  registered: 'gold',
  recommended: 'blue',
  placed: 'green',
  left: 'default',
  withdrawn: 'default',
};

export function SeekerStatusTag({ status }: { status: SeekerStatus }) {
  return (
    <Tag color={colors[status]} data-testid="seeker-status">
      {seekerStatusLabels[status]}
    </Tag>
  );
}
