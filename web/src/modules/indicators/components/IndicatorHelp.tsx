import { useState } from 'react';
import { Button, Descriptions, Drawer, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  indicatorKeys,
  indicatorLabels,
  type IndicatorExplanation,
  type IndicatorKey,
} from '@gonghui/contracts';
import { useIndicatorExplanations } from '../api/indicators.ts';

/** The explanation of one indicator, as the server words it; undefined until it has loaded. */
export function useExplanation(indicator: IndicatorKey): IndicatorExplanation | undefined {
  return useIndicatorExplanations().data?.find((d) => d.indicator === indicator);
}

function ExplanationText({ e }: { e: IndicatorExplanation }) {
  return (
    <div style={{ maxWidth: 360 }}>
      <div>分子：{e.numerator}</div>
      <div>分母：{e.denominator}</div>
      {e.scope ? <div style={{ marginTop: 4 }}>口径：{e.scope}</div> : null}
    </div>
  );
}

/** A question mark beside an indicator's name or a column: hovering shows what it counts. */
export function IndicatorHint({
  indicator,
  part,
  testId,
}: {
  indicator: IndicatorKey;
  /** Only the numerator's or the denominator's words, for a table column. */
  part?: 'numerator' | 'denominator';
  testId?: string;
}) {
  const e = useExplanation(indicator);
  if (!e) return null;
  const title =
    part === 'numerator' ? (
      `分子：${e.numerator}`
    ) : part === 'denominator' ? (
      <div style={{ maxWidth: 360 }}>
        <div>分母：{e.denominator}</div>
        {e.scope ? <div style={{ marginTop: 4 }}>{e.scope}</div> : null}
      </div>
    ) : (
      <ExplanationText e={e} />
    );
  return (
    <Tooltip title={title}>
      <QuestionCircleOutlined
        style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 4, cursor: 'help' }}
        data-testid={testId}
        aria-label={`${indicatorLabels[indicator]}的口径`}
        onClick={(ev) => ev.stopPropagation()}
      />
    </Tooltip>
  );
}

/** The 口径说明 link: a drawer with every indicator's numerator, denominator and scope rule. */
export function IndicatorDefinitionsLink({ current }: { current?: IndicatorKey }) {
  const [open, setOpen] = useState(false);
  const explanations = useIndicatorExplanations();
  const ordered = [...indicatorKeys].sort((a, b) => (a === current ? -1 : b === current ? 1 : 0));
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="indicator-definitions-link">
        口径说明
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title="指标口径说明"
        size={560}
        data-testid="indicator-definitions"
      >
        {ordered.map((key) => {
          const e = explanations.data?.find((d) => d.indicator === key);
          if (!e) return null;
          return (
            <Descriptions
              key={key}
              size="small"
              bordered
              column={1}
              style={{ marginBottom: 16 }}
              title={indicatorLabels[key]}
              items={[
                { key: 'numerator', label: '分子', children: e.numerator },
                { key: 'denominator', label: '分母', children: e.denominator },
                ...(e.scope ? [{ key: 'scope', label: '统计范围', children: e.scope }] : []),
              ]}
            />
          );
        })}
        {explanations.data?.[0] ? (
          <Typography.Paragraph type="secondary">{explanations.data[0].rollUp}</Typography.Paragraph>
        ) : null}
      </Drawer>
    </>
  );
}
