import { useState } from 'react';
import { Alert, Card, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { programmeLabels, type EmploymentFigures } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, todayIso } from '../../../shared/format.ts';
import { useEmploymentFigures } from '../api/employment.ts';

type UnitRow = EmploymentFigures['byUnit'][number];
type ProgrammeRow = EmploymentFigures['byProgramme'][number];

/** 就业援助统计: the year's trained, certified, placed and still employed, by unit and programme. */
export function FiguresPage() {
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const figures = useEmploymentFigures(year);
  const unitColumns: TableColumnsType<UnitRow> = [
    { title: '单位', dataIndex: 'orgUnitName' },
    { title: '培训', dataIndex: 'trained', align: 'right', render: formatCount },
    { title: '其中已就业', dataIndex: 'trainedPlaced', align: 'right', render: formatCount },
    { title: '发证', dataIndex: 'certified', align: 'right', render: formatCount },
    { title: '推荐就业', dataIndex: 'placed', align: 'right', render: formatCount },
    { title: '其中下岗失业人员', dataIndex: 'laidOffPlaced', align: 'right', render: formatCount },
    {
      title: '回访仍在岗',
      key: 'still',
      align: 'right',
      render: (_v, u) => `${formatCount(u.stillEmployed)}/${formatCount(u.followedUp)}`,
    },
  ];
  const programmeColumns: TableColumnsType<ProgrammeRow> = [
    {
      title: '培训项目',
      dataIndex: 'programme',
      render: (p: ProgrammeRow['programme']) => programmeLabels[p],
    },
    { title: '培训', dataIndex: 'trained', align: 'right', render: formatCount },
    { title: '其中已就业', dataIndex: 'trainedPlaced', align: 'right', render: formatCount },
    { title: '发证', dataIndex: 'certified', align: 'right', render: formatCount },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="figures-page">
      <Card
        title={`就业援助统计${figures.data ? `：${figures.data.orgUnitName}` : ''}`}
        extra={
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={Array.from({ length: 6 }, (_v, i) => thisYear - i).map((y) => ({
              value: y,
              label: `${y} 年`,
            }))}
            data-testid="figures-year"
          />
        }
      >
        {figures.isPending ? (
          <Spin />
        ) : figures.isError ? (
          <Alert type="error" showIcon title="数字载入失败" description={errorMessage(figures.error)} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Space size={48} wrap>
              <Statistic title="培训" value={figures.data.total.trained} suffix="人" />
              <Statistic title="其中已就业" value={figures.data.total.trainedPlaced} suffix="人" />
              <Statistic title="发证" value={figures.data.total.certified} suffix="本" />
              <Statistic title="推荐就业" value={figures.data.total.placed} suffix="人" />
              <Statistic title="下岗失业人员再就业" value={figures.data.total.laidOffPlaced} suffix="人" />
              <Statistic
                title="回访仍在岗"
                value={figures.data.total.stillEmployed}
                suffix={`/ ${figures.data.total.followedUp} 人`}
              />
            </Space>
            <div data-testid="figures-sentences">
              {figures.data.sentences.map((line) => (
                <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>
                  {line}
                </Typography.Paragraph>
              ))}
            </div>
          </Space>
        )}
      </Card>
      {figures.data ? (
        <>
          <Card title="按下级单位">
            <Table<UnitRow>
              rowKey="orgUnitId"
              size="small"
              columns={unitColumns}
              dataSource={figures.data.byUnit}
              pagination={false}
            />
          </Card>
          <Card title="按培训项目">
            <Table<ProgrammeRow>
              rowKey="programme"
              size="small"
              columns={programmeColumns}
              dataSource={figures.data.byProgramme}
              pagination={false}
            />
          </Card>
        </>
      ) : null}
    </Space>
  );
}
