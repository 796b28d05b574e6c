import type { ReactNode } from 'react';
import { Button, Checkbox, Dropdown, Popover, Space, Tooltip } from 'antd';
import { ColumnHeightOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';

export type Density = 'large' | 'middle' | 'small';

const densityLabels: Record<Density, string> = { large: '宽松', middle: '中等', small: '紧凑' };

export interface ColumnChoice {
  key: string;
  title: string;
}

/** Refresh, density and column settings at the right of a list's toolbar. */
export function ListToolbar({
  testId,
  left,
  right,
  refreshing,
  onRefresh,
  density,
  onDensity,
  columns,
  hidden,
  onHidden,
}: {
  testId: string;
  left: ReactNode;
  right?: ReactNode;
  refreshing: boolean;
  onRefresh(): void;
  density: Density;
  onDensity(density: Density): void;
  columns: ColumnChoice[];
  hidden: string[];
  onHidden(hidden: string[]): void;
}) {
  const shown = columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key);
  const settings = (
    <div data-testid={`${testId}-columns`} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <Checkbox.Group
        value={shown}
        onChange={(keys) => onHidden(columns.map((c) => c.key).filter((k) => !keys.includes(k)))}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={columns.map((c) => ({
          value: c.key,
          label: c.title,
          // The last shown column cannot be hidden.
          disabled: shown.length === 1 && shown[0] === c.key,
        }))}
      />
      <Button
        size="small"
        type="link"
        style={{ padding: 0, alignSelf: 'flex-start' }}
        onClick={() => onHidden([])}
      >
        显示全部列
      </Button>
    </div>
  );
  return (
    <div
      data-testid={`${testId}-toolbar`}
      style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}
    >
      <div style={{ flex: 1, minWidth: 0, display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        {left}
      </div>
      <Space size={4} wrap>
        {right}
        <Tooltip title="刷新">
          <Button
            type="text"
            aria-label="刷新"
            icon={<ReloadOutlined spin={refreshing} />}
            onClick={onRefresh}
            data-testid={`${testId}-refresh`}
          />
        </Tooltip>
        <Tooltip title="行密度">
          <Dropdown
            trigger={['click']}
            menu={{
              selectable: true,
              selectedKeys: [density],
              items: (Object.keys(densityLabels) as Density[]).map((d) => ({
                key: d,
                label: densityLabels[d],
              })),
              onClick: ({ key }) => onDensity(key as Density),
            }}
          >
            <Button
              type="text"
              aria-label="行密度"
              icon={<ColumnHeightOutlined />}
              data-testid={`${testId}-density`}
            />
          </Dropdown>
        </Tooltip>
        <Tooltip title="列设置">
          <Popover trigger="click" placement="bottomRight" title="显示的列" content={settings}>
            <Button
              type="text"
              aria-label="列设置"
              icon={<SettingOutlined />}
              data-testid={`${testId}-column-settings`}
            />
          </Popover>
        </Tooltip>
      </Space>
    </div>
  );
}
