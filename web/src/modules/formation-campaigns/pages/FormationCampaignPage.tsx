import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Row,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleTwoTone,
  CheckOutlined,
  ClockCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { FormationCampaignProgress } from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { useAsOf } from '../../../layout/asOf.ts';
import { usePageTitle } from '../../../layout/pageTitle.ts';
import { FigureCard } from '../../../shared/FigureCard.tsx';
import { formatCount, formatDate, formatDateLong } from '../../../shared/format.ts';
import { PartyTag, UnionTag } from '../../employers/components/StatusTags.tsx';
import { useCan } from '../../auth/session.tsx';
import {
  useFormationCampaignProgress,
  useCompleteFormationCampaignTask,
} from '../api/formation-campaigns.ts';
import { AddTargetsModal, AddTaskModal } from '../components/FormationCampaignModals.tsx';

type Target = FormationCampaignProgress['targets'][number];
type Task = FormationCampaignProgress['tasks'][number];
type TargetFilter = 'all' | 'noUnion' | 'noParty';

function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : null;
}

const hasUnion = (t: Target) => t.unionStatus === 'own' || t.unionStatus === 'joint';

const targetColumns: TableColumnsType<Target> = [
  {
    title: '单位名称',
    dataIndex: 'name',
    ellipsis: true,
    render: (name: string, t) => <Link to={`/employers/${t.id}`}>{name}</Link>,
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    width: 190,
    render: (code: string) => <span style={{ fontFamily: 'monospace' }}>{code}</span>,
  },
  { title: '工会', dataIndex: 'unionStatus', width: 100, render: (s: string) => <UnionTag status={s} /> },
  { title: '党组织', dataIndex: 'partyStatus', width: 100, render: (s: string) => <PartyTag status={s} /> },
];

function TaskItem({
  task,
  asOf,
  formationCampaignId,
  endedOn,
}: {
  task: Task;
  asOf: string;
  formationCampaignId: number;
  /** The campaign's end: a task left open when it ended is not overdue now, it was left undone then. */
  endedOn: string | null;
}) {
  const canWrite = useCan('employer:write');
  const { message } = AntApp.useApp();
  const complete = useCompleteFormationCampaignTask(formationCampaignId);
  const done = task.doneOn !== null && task.doneOn <= asOf;
  const ended = endedOn !== null && endedOn < asOf;
  const overdue = !done && !ended && task.dueOn !== null && task.dueOn < asOf;
  const onDone = () =>
    complete.mutate(task.id, {
      onSuccess: () => void message.success(`任务「${task.title}」已完成`),
      onError: (error) => void message.error(errorMessage(error)),
    });
  return (
    <List.Item
      data-testid="formation-campaign-task"
      actions={
        canWrite && task.doneOn === null
          ? [
              <Button
                key="done"
                size="small"
                type="link"
                icon={<CheckOutlined />}
                loading={complete.isPending}
                onClick={onDone}
                data-testid="formation-campaign-task-done"
              >
                完成
              </Button>,
            ]
          : undefined
      }
    >
      <Space size={8} wrap>
        {done ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />}
        <Typography.Text delete={done}>{task.title}</Typography.Text>
        {task.dueOn ? (
          <Typography.Text type="secondary">限 {formatDate(task.dueOn)} 前</Typography.Text>
        ) : null}
        {done ? <Tag color="green">{formatDate(task.doneOn)} 完成</Tag> : null}
        {overdue ? <Tag color="red">已逾期</Tag> : null}
        {!done && ended ? (
          <Tag data-testid="formation-campaign-task-unfinished">
            活动已于 {formatDate(endedOn)} 结束，未完成
          </Tag>
        ) : null}
      </Space>
    </List.Item>
  );
}

/** A campaign's progress since its start, as of the header's date: new unions and party organisations. */
export function FormationCampaignPage() {
  const id = parseId(useParams().id);
  const { asOf, isToday, setAsOf } = useAsOf();
  const progress = useFormationCampaignProgress(id, asOf);
  const [filter, setFilter] = useState<TargetFilter>('all');
  const [adding, setAdding] = useState<'task' | 'targets' | null>(null);
  usePageTitle(progress.data?.name);
  const canWrite = useCan('employer:write');
  const { message } = AntApp.useApp();

  const back = (
    <Link to="/formation-campaigns">
      <ArrowLeftOutlined /> 返回活动列表
    </Link>
  );
  if (id === null || isNotFound(progress.error)) {
    return (
      <NotFoundResult
        what="活动"
        back={{ to: '/formation-campaigns', label: '返回活动列表' }}
        testId="formation-campaign-not-found"
      />
    );
  }
  if (progress.isError) {
    return (
      <Alert type="error" showIcon title="活动进展载入失败" description={errorMessage(progress.error)} />
    );
  }
  if (progress.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  const p = progress.data;
  const beforeStart = asOf < p.startedOn;
  const targets = p.targets.filter((t) =>
    filter === 'noUnion' ? !hasUnion(t) : filter === 'noParty' ? t.partyStatus === 'none' : true,
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="formation-campaign-page">
      {back}
      <Card
        title={
          <Space>
            <span data-testid="formation-campaign-title">{p.name}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {p.orgUnitName}
            </Typography.Text>
          </Space>
        }
        extra={
          p.endedOn && isToday ? (
            <Button size="small" onClick={() => setAsOf(p.endedOn)}>
              查看至结束日 {formatDate(p.endedOn)}
            </Button>
          ) : null
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'start', label: '开始日期', children: formatDate(p.startedOn) },
            { key: 'end', label: '结束日期', children: formatDate(p.endedOn) },
            {
              key: 'asOf',
              label: '统计截至',
              children: `${formatDateLong(p.asOf)}（${formatDate(p.asOf)}）`,
            },
            ...(p.description ? [{ key: 'desc', label: '说明', span: 3, children: p.description }] : []),
          ]}
        />
      </Card>
      {beforeStart ? (
        <Alert type="info" showIcon title={`所选日期早于活动开始日期 ${formatDate(p.startedOn)}，尚无进展`} />
      ) : null}
      <Row gutter={[16, 16]} data-testid="formation-campaign-figures">
        <Col xs={12} lg={6}>
          <FigureCard
            title="新建工会"
            value={p.newUnions}
            suffix="家"
            note={`其中单独建会 ${formatCount(p.newOwnUnions)} 家`}
            testId="formation-campaign-new-unions"
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="新建独立党组织"
            value={p.newIndependentParty}
            suffix="个"
            note="单独组建"
            testId="formation-campaign-new-independent"
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="新建联合党组织"
            value={p.newJointParty}
            suffix="个"
            note="联合组建"
            testId="formation-campaign-new-joint"
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="目标单位尚未建党组织"
            value={p.targetsWithoutParty}
            suffix={`/ ${formatCount(p.targets.length)} 家`}
            note={`尚未建会 ${formatCount(p.targetsWithoutUnion)} 家`}
            testId="formation-campaign-targets-without-party"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card
            title="工作任务"
            size="small"
            data-testid="formation-campaign-tasks"
            extra={
              canWrite ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAdding('task')}
                  data-testid="formation-campaign-task-add"
                >
                  添加任务
                </Button>
              ) : null
            }
          >
            <List
              dataSource={p.tasks}
              locale={{ emptyText: '暂无任务' }}
              renderItem={(task) => (
                <TaskItem task={task} asOf={asOf} formationCampaignId={p.id} endedOn={p.endedOn} />
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card
            title="目标单位"
            size="small"
            extra={
              <Space>
                <Segmented<TargetFilter>
                  size="small"
                  value={filter}
                  onChange={setFilter}
                  options={[
                    { value: 'all', label: `全部 ${p.targets.length}` },
                    { value: 'noUnion', label: `未建会 ${p.targetsWithoutUnion}` },
                    { value: 'noParty', label: `未建党组织 ${p.targetsWithoutParty}` },
                  ]}
                />
                {canWrite ? (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setAdding('targets')}
                    data-testid="formation-campaign-targets-add"
                  >
                    添加目标单位
                  </Button>
                ) : null}
              </Space>
            }
          >
            <Table<Target>
              data-testid="formation-campaign-targets"
              rowKey="id"
              size="small"
              columns={targetColumns}
              dataSource={targets}
              pagination={{
                pageSize: 10,
                hideOnSinglePage: true,
                showTotal: (t) => `共 ${formatCount(t)} 家`,
              }}
            />
          </Card>
        </Col>
      </Row>
      {adding === 'task' ? <AddTaskModal formationCampaign={p} onClose={() => setAdding(null)} /> : null}
      {adding === 'targets' ? (
        <AddTargetsModal
          formationCampaign={p}
          onClose={() => setAdding(null)}
          onAdded={(r) =>
            void message.success(
              r.alreadyTargets > 0
                ? `已添加 ${r.added} 家目标单位（${r.alreadyTargets} 家原已是目标单位）`
                : `已添加 ${r.added} 家目标单位`,
            )
          }
        />
      ) : null}
    </Space>
  );
}
