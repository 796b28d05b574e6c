import { Typography } from 'antd';
import type { OrgSearchHit } from '@gonghui/contracts';
import { orgLevelLabels } from '@gonghui/contracts';

/** A search hit with the path above it, so two 新桥村 in different towns can be told apart. */
export function OrgHitLabel({ hit }: { hit: OrgSearchHit }) {
  const path = hit.ancestorNames.join(' / ');
  return (
    <div data-testid="org-search-option" data-org-id={hit.id} style={{ lineHeight: 1.4, padding: '2px 0' }}>
      <div>
        <Typography.Text strong>{hit.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {orgLevelLabels[hit.level]}
        </Typography.Text>
      </div>
      {path ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {path}
        </Typography.Text>
      ) : null}
    </div>
  );
}
