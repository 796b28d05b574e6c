import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { enrolmentStatusLabels, programmeLabels, type Enrolment } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { formatDate } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useCourse, useWithdrawEnrolment } from '../api/employment.ts';
import { AttendanceModal, CertificateModal, EnrolModal } from '../components/CourseModals.tsx';

type Dialog =
  { kind: 'enrol' } | { kind: 'attendance' } | { kind: 'certificate'; enrolment: Enrolment } | null;

/** One course: its seats and waiting list, attendance by session and the certificates issued. */
export function CoursePage() {
  const id = Number(useParams().id);
  const canWrite = useCan('employment:write');
  const { message } = AntApp.useApp();
  const course = useCourse(id);
  const withdraw = useWithdrawEnrolment(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!Number.isInteger(id) || id < 1 || isNotFound(course.error)) {
    return (
      <NotFoundResult
        what="培训班"
        back={{ to: '/employment/courses', label: '返回培训班列表' }}
        testId="course-not-found"
      />
    );
  }
  if (course.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (course.isError)
    return <Alert type="error" showIcon title="培训班载入失败" description={errorMessage(course.error)} />;
  const c = course.data;
  const holder = canWrite && c.canEdit;
  const columns: TableColumnsType<Enrolment> = [
    { title: '学员', dataIndex: 'seekerName' },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_v, e) => (
        <Tag color={e.status === 'enrolled' ? 'green' : e.status === 'waiting' ? 'gold' : 'default'}>
          {enrolmentStatusLabels[e.status]}
          {e.waitingRank ? ` 第 ${e.waitingRank} 位` : ''}
        </Tag>
      ),
    },
    { title: '出勤', key: 'attended', width: 100, render: (_v, e) => `${e.attended}/${c.sessions}` },
    { title: '证书', dataIndex: 'certificateCode', width: 160, render: (code: string | null) => code ?? '—' },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_v: unknown, e: Enrolment) => (
              <Space>
                {holder && e.status === 'enrolled' && !e.certificateCode ? (
                  <Button
                    type="link"
                    size="small"
                    data-testid="enrolment-certify"
                    onClick={() => setDialog({ kind: 'certificate', enrolment: e })}
                  >
                    颁发证书
                  </Button>
                ) : null}
                {e.status !== 'withdrawn' ? (
                  <Popconfirm
                    title={`${e.seekerName}退出报名？`}
                    okText="退出"
                    cancelText="取消"
                    onConfirm={async () => {
                      try {
                        await withdraw.mutateAsync(e.id);
                        void message.success('已退出报名');
                      } catch (error) {
                        void message.error(errorMessage(error));
                      }
                    }}
                  >
                    <Button type="link" size="small" danger>
                      退出
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="course-page">
      <Card
        title={
          <Space>
            <span data-testid="course-title">{c.title}</span>
            <Tag color="blue">{programmeLabels[c.programme]}</Tag>
            <Tag>{c.free ? '免费' : `收费 ${((c.feeFen ?? 0) / 100).toFixed(2)} 元`}</Tag>
          </Space>
        }
        extra={
          canWrite ? (
            <Space>
              <Button type="primary" onClick={() => setDialog({ kind: 'enrol' })} data-testid="course-enrol">
                报名
              </Button>
              {holder ? (
                <Button onClick={() => setDialog({ kind: 'attendance' })} data-testid="course-attendance">
                  登记出勤
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="培训时间">
            {formatDate(c.startsOn)} 至 {formatDate(c.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label="培训地点">{c.venue}</Descriptions.Item>
          <Descriptions.Item label="举办单位">{c.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="名额">
            <span data-testid="course-seats">
              {c.enrolled}/{c.capacity}，候补 {c.waiting} 人
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="课时">
            共 {c.sessions} 课次，已登记 {c.sessionsMarked.length} 课次
          </Descriptions.Item>
          <Descriptions.Item label="发证要求">
            出勤率不低于 {c.attendanceThresholdPct}%，已发证 {c.certified} 人
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="学员">
        <Table<Enrolment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={c.enrolments}
          pagination={false}
          data-testid="course-enrolments"
        />
      </Card>
      {dialog?.kind === 'enrol' ? (
        <EnrolModal
          course={c}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setDialog(null);
            void message.success(text);
          }}
        />
      ) : null}
      {dialog?.kind === 'attendance' ? <AttendanceModal course={c} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'certificate' ? (
        <CertificateModal course={c} enrolment={dialog.enrolment} onClose={() => setDialog(null)} />
      ) : null}
    </Space>
  );
}
