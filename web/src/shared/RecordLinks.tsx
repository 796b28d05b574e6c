import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag, Typography } from 'antd';
import type { RecordLinkList, RecordLinkView } from '@gonghui/contracts';
import { apiGet } from '../api/client.ts';
import { recordPathOf } from '../platform/recordPaths.ts';
import { formatDateTime } from './format.ts';

export const recordLinkKeys = {
  of: (type: string, id: number) => ['record-links', type, id] as const,
};

/** The cross-references of a record (`type` as the audit log names its kind), from every module. */
export function useRecordLinks(type: string, id: number) {
  return useQuery({
    queryKey: recordLinkKeys.of(type, id),
    queryFn: ({ signal }) => apiGet<RecordLinkList>('/record-links', { type, id }, signal),
  });
}

function LinkedRecord({ link }: { link: RecordLinkView }) {
  const name = link.otherName ?? `#${link.other.id}`;
  const path = recordPathOf(link.other.type, link.other.id);
  return (
    <span>
      <Tag>{link.otherKind}</Tag>
      {path ? <Link to={path}>{name}</Link> : name}
    </span>
  );
}

/**
 * A card listing a record's cross-references to records of other modules (a referral made from it, or one
 * it received), each opening the other record's page; `extra` holds the owning page's own link action.
 */
export function RecordLinks({
  type,
  id,
  title = '关联记录',
  extra,
  emptyText = '尚无关联记录',
}: {
  type: string;
  id: number;
  title?: string;
  extra?: ReactNode;
  emptyText?: string;
}) {
  const links = useRecordLinks(type, id);
  return (
    <Card title={title} extra={extra} size="small" data-testid={`record-links-${type}`}>
      <List<RecordLinkView>
        loading={links.isLoading}
        dataSource={links.data?.items ?? []}
        locale={{ emptyText }}
        renderItem={(l) => (
          <List.Item data-testid="record-link">
            <List.Item.Meta
              title={<LinkedRecord link={l} />}
              description={
                <Typography.Text type="secondary">
                  {l.direction === 'outgoing' ? '由本记录转出' : '转入本记录'} · {formatDateTime(l.createdAt)}
                  {l.note ? ` · ${l.note}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
