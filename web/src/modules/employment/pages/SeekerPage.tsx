import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  genderLabels,
  jobCategoryLabels,
  placementSourceLabels,
  recommendationResultLabels,
  recommendationResults,
  seekerChannelLabels,
  seekerSituationLabels,
  seekerStatusLabels,
  seekerTransitions,
  type Placement,
  type PositionMatch,
  type Recommendation,
  type RecommendationResult,
} from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useRecommend, useRecordResult, useSeeker, useSeekerMatches } from '../api/employment.ts';
import { payRange } from '../components/format.ts';
import { SeekerCasesCard } from '../components/SeekerCasesCard.tsx';
import { SeekerStatusTag } from '../components/seekerTags.tsx';
import {
  EndPlacementModal,
  FollowUpModal,
  PlaceModal,
  StatusModal,
} from '../components/SeekerActionModals.tsx';

type Dialog =
  | { kind: 'place'; recommendation: Recommendation }
  | { kind: 'end' }
  | { kind: 'follow-up'; placedOn: string }
  | { kind: 'status'; to: 'withdrawn' | 'registered' }
  | null;

/** One seeker: who they are (ID masked), the positions that fit them, recommendations, placements and history. */
export function SeekerPage() {
  const id = Number(useParams().id);
  const canWrite = useCan('employment:write');
  const { message } = AntApp.useApp();
  const seeker = useSeeker(id);
  const status = seeker.data?.status;
  const looking = status === 'registered' || status === 'recommended' || status === 'left';
  const matches = useSeekerMatches(id, Boolean(seeker.data) && looking);
  const recommend = useRecommend(id);
  const recordResult = useRecordResult(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!Number.isInteger(id) || id < 1 || isNotFound(seeker.error)) {
    return (
      <NotFoundResult
        what="求职人员"
        back={{ to: '/employment/seekers', label: '返回求职人员列表' }}
        testId="seeker-not-found"
      />
    );
  }
  if (seeker.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (seeker.isError)
    return <Alert type="error" showIcon title="求职人员载入失败" description={errorMessage(seeker.error)} />;
  const s = seeker.data;
  const next = seekerTransitions[s.status];

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const matchColumns: TableColumnsType<PositionMatch> = [
    { title: '岗位', key: 'title', render: (_v, m) => m.position.title },
    { title: '用人单位', key: 'employer', render: (_v, m) => m.position.employerName },
    { title: '招聘会', key: 'fair', render: (_v, m) => `${m.position.heldOn} ${m.position.fairTitle}` },
    {
      title: '月薪',
      key: 'pay',
      width: 130,
      render: (_v, m) => payRange(m.position.payMinFen, m.position.payMaxFen),
    },
    { title: '匹配度', dataIndex: 'score', width: 70, align: 'right' },
    { title: '匹配理由', key: 'reasons', render: (_v, m) => m.reasons.join('；') },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_v: unknown, m: PositionMatch) => (
              <Button
                type="link"
                size="small"
                data-testid="match-recommend"
                onClick={() =>
                  void run(
                    () =>
                      recommend.mutateAsync({
                        positionId: m.position.id,
                        recommendedOn: todayIso(),
                        note: null,
                      }),
                    `已推荐至 ${m.position.employerName}`,
                  )
                }
              >
                推荐
              </Button>
            ),
          },
        ]
      : []),
  ];

  const recommendationColumns: TableColumnsType<Recommendation> = [
    { title: '推荐日期', dataIndex: 'recommendedOn', width: 110, render: (d: string) => formatDate(d) },
    { title: '岗位', dataIndex: 'positionTitle' },
    { title: '用人单位', dataIndex: 'employerName' },
    { title: '招聘会', dataIndex: 'fairTitle' },
    {
      title: '结果',
      key: 'result',
      width: 140,
      render: (_v, r) =>
        canWrite && r.result !== 'hired' ? (
          <Select<RecommendationResult>
            size="small"
            value={r.result}
            style={{ width: 110 }}
            data-testid="recommendation-result"
            options={recommendationResults.map((x) => ({ value: x, label: recommendationResultLabels[x] }))}
            onChange={(result) =>
              void run(
                () =>
                  recordResult.mutateAsync({
                    recommendationId: r.id,
                    result,
                    resultOn: todayIso(),
                    note: undefined,
                  }),
                '已登记推荐结果',
              )
            }
          />
        ) : (
          <Tag color={r.result === 'hired' ? 'green' : 'default'}>{recommendationResultLabels[r.result]}</Tag>
        ),
    },
    ...(canWrite && next.includes('placed')
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v: unknown, r: Recommendation) =>
              r.result === 'rejected' || r.result === 'declined' ? null : (
                <Button
                  type="link"
                  size="small"
                  data-testid="recommendation-place"
                  onClick={() => setDialog({ kind: 'place', recommendation: r })}
                >
                  登记就业
                </Button>
              ),
          },
        ]
      : []),
  ];

  const placementColumns: TableColumnsType<Placement> = [
    { title: '就业日期', dataIndex: 'placedOn', width: 110, render: (d: string) => formatDate(d) },
    { title: '用人单位', dataIndex: 'employerName' },
    { title: '岗位', dataIndex: 'positionTitle' },
    {
      title: '来源',
      dataIndex: 'source',
      width: 130,
      render: (x: Placement['source']) => placementSourceLabels[x],
    },
    {
      title: '离职',
      key: 'ended',
      render: (_v, p) =>
        p.endedOn ? (
          `${formatDate(p.endedOn)}（${p.endReason ?? ''}）`
        ) : canWrite ? (
          <Space>
            <Tag color="green">在岗</Tag>
            <Button
              type="link"
              size="small"
              data-testid="placement-end"
              onClick={() => setDialog({ kind: 'end' })}
            >
              登记离职
            </Button>
          </Space>
        ) : (
          <Tag color="green">在岗</Tag>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="seeker-page">
      <Card
        title={
          <Space>
            <span data-testid="seeker-title">{s.name}</span>
            <SeekerStatusTag status={s.status} />
            {s.isMember ? <Tag color="red">工会会员</Tag> : null}
          </Space>
        }
        extra={
          canWrite ? (
            <Space>
              {next.includes('withdrawn') ? (
                <Button
                  onClick={() => setDialog({ kind: 'status', to: 'withdrawn' })}
                  data-testid="seeker-withdraw"
                >
                  退出登记
                </Button>
              ) : null}
              {next.includes('registered') ? (
                <Button
                  onClick={() => setDialog({ kind: 'status', to: 'registered' })}
                  data-testid="seeker-return"
                >
                  恢复登记
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="身份证号码">{s.residentIdMasked}</Descriptions.Item>
          <Descriptions.Item label="性别">{genderLabels[s.gender]}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{formatDate(s.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="手机号码">{s.phoneMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="人员类别">{seekerSituationLabels[s.situation]}</Descriptions.Item>
          <Descriptions.Item label="技能">{s.skills.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="求职意向">
            {s.wishedCategories.map((c) => jobCategoryLabels[c]).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="期望月薪">
            {s.wishedPayMinFen === null ? '—' : `${(s.wishedPayMinFen / 100).toFixed(2)} 元以上`}
          </Descriptions.Item>
          <Descriptions.Item label="其他意向">{s.wishes ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记单位">{s.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="登记渠道">
            {seekerChannelLabels[s.registeredVia]}
            {s.fairTitle ? `（${s.fairTitle}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="登记日期">{formatDate(s.registeredOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {looking ? (
        <Card title="匹配岗位" extra="按求职意向、适合人群、技能与期望薪酬排序">
          <Table<PositionMatch>
            rowKey={(m) => m.position.id}
            size="small"
            loading={matches.isFetching}
            columns={matchColumns}
            dataSource={matches.data ?? []}
            pagination={false}
            data-testid="seeker-matches"
          />
        </Card>
      ) : null}
      <Card title="推荐记录">
        <Table<Recommendation>
          rowKey="id"
          size="small"
          columns={recommendationColumns}
          dataSource={s.recommendations}
          pagination={false}
          data-testid="seeker-recommendations"
        />
      </Card>
      <Card title="就业登记">
        <Table<Placement>
          rowKey="id"
          size="small"
          columns={placementColumns}
          dataSource={s.placements}
          pagination={false}
          data-testid="seeker-placements"
        />
      </Card>
      <SeekerCasesCard seekerId={s.id} mayWrite={canWrite} />
      <Card title="状态记录">
        <Timeline
          data-testid="seeker-history"
          items={s.history.map((h) => ({
            key: h.id,
            content: `${formatDate(h.changedOn)} ${h.fromStatus ? `${seekerStatusLabels[h.fromStatus]} → ` : ''}${seekerStatusLabels[h.toStatus]}${h.reason ? `：${h.reason}` : ''}${h.changedBy ? `（${h.changedBy}）` : ''}`,
          }))}
        />
      </Card>
      {dialog?.kind === 'place' ? (
        <PlaceModal seekerId={s.id} recommendation={dialog.recommendation} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'end' ? <EndPlacementModal seekerId={s.id} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'follow-up' ? (
        <FollowUpModal seekerId={s.id} placedOn={dialog.placedOn} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'status' ? (
        <StatusModal seekerId={s.id} to={dialog.to} onClose={() => setDialog(null)} />
      ) : null}
    </Space>
  );
}
