import { Tag } from 'antd';
import { hardshipCategoryLabels, type HardshipCategory } from '@gonghui/contracts';

const colors: Record<HardshipCategory, string> = {
  deep: 'red',
  relative: 'orange',
  sudden: 'purple',
  none: 'default',
};

export function CategoryTag({ category }: { category: HardshipCategory }) {
  return (
    <Tag color={colors[category]} data-testid="archive-category">
      {hardshipCategoryLabels[category]}
    </Tag>
  );
}
