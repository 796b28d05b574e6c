import { Tag } from 'antd';
import {
  partyStatusLabels,
  partyStatuses,
  unionStatusLabels,
  unionStatuses,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';

const unionColors: Record<UnionStatus, string> = {
  none: 'default',
  preparing: 'gold',
  own: 'green',
  joint: 'cyan',
};

const partyColors: Record<PartyStatus, string> = {
  none: 'default',
  independent: 'red',
  joint: 'volcano',
};

function isUnionStatus(value: string): value is UnionStatus {
  return (unionStatuses as readonly string[]).includes(value);
}

function isPartyStatus(value: string): value is PartyStatus {
  return (partyStatuses as readonly string[]).includes(value);
}

export function UnionTag({ status }: { status: string }) {
  if (!isUnionStatus(status)) return <Tag>{status}</Tag>;
  return (
    <Tag color={unionColors[status]} data-testid="union-status">
      {unionStatusLabels[status]}
    </Tag>
  );
}

export function PartyTag({ status }: { status: string }) {
  if (!isPartyStatus(status)) return <Tag>{status}</Tag>;
  return (
    <Tag color={partyColors[status]} data-testid="party-status">
      {partyStatusLabels[status]}
    </Tag>
  );
}

export const unionOptions = unionStatuses.map((value) => ({ value, label: unionStatusLabels[value] }));
export const partyOptions = partyStatuses.map((value) => ({ value, label: partyStatusLabels[value] }));
