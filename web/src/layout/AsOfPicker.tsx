import { Button, DatePicker, Space, Tag, Tooltip } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useAsOf } from './asOf.ts';

/** The header's "截至日期": pages that support it show the union tree as it stood on that date. */
export function AsOfPicker() {
  const { asOf, isToday, setAsOf } = useAsOf();
  return (
    <Space size={8} data-testid="asof">
      <span style={{ color: 'rgba(0,0,0,0.65)' }}>截至日期</span>
      <Tooltip title="查看所选日期当天的组织架构（区划调整前后的名称与隶属关系）">
        <DatePicker
          data-testid="asof-picker"
          value={dayjs(asOf)}
          format="YYYY-MM-DD"
          allowClear={false}
          inputReadOnly={false}
          presets={[
            { label: '今天', value: dayjs() },
            { label: '本年初', value: dayjs().startOf('year') },
            { label: '上年末', value: dayjs().subtract(1, 'year').endOf('year') },
          ]}
          onChange={(value) => setAsOf(value ? value.format('YYYY-MM-DD') : null)}
          style={{ width: 140 }}
        />
      </Tooltip>
      {isToday ? null : (
        <>
          <Tag icon={<HistoryOutlined />} color="orange" data-testid="asof-history-tag">
            历史视图
          </Tag>
          <Button size="small" onClick={() => setAsOf(null)} data-testid="asof-today">
            回到今天
          </Button>
        </>
      )}
    </Space>
  );
}
