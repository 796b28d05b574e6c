import type { ReactNode } from 'react';
import { Card, Statistic, Typography } from 'antd';
import { formatCount } from './format.ts';

interface FigureCardProps {
  title: string;
  /** A count, shown with thousands separators; undefined while it loads. */
  value: number | undefined;
  suffix?: ReactNode;
  prefix?: ReactNode;
  /** A line under the figure. */
  note?: ReactNode;
  testId: string;
  onClick?(): void;
}

/** One counted figure in a card, as workbench and progress pages show them. */
export function FigureCard({ title, value, suffix, prefix, note, testId, onClick }: FigureCardProps) {
  return (
    <Card data-testid={testId} hoverable={onClick !== undefined} onClick={onClick} style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value === undefined ? '—' : formatCount(value)}
        prefix={prefix}
        suffix={suffix}
        loading={value === undefined}
      />
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Card>
  );
}
