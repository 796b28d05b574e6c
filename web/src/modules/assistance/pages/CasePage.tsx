import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Spin, Table, Timeline } from 'antd';
import {
  caseEventKindLabels,
  caseTypeLabels,
  deadlineKindLabels,
  finalCaseStatuses,
  type CaseAssignment,
  type CaseStatus,
} from '@gonghui/contracts';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useCase, useCaseAction } from '../api/cases.ts';
import { AidAmountModal } from '../components/AidAmountModal.tsx';
import { CaseAttachments } from '../components/CaseAttachments.tsx';
import { RecordLinks } from '../../../shared/RecordLinks.tsx';
import { LegalAidCard } from '../components/LegalAidCard.tsx';
import { MediationCard } from '../components/MediationCard.tsx';
import { AssignModal, ReferModal } from '../components/CaseHandlingModals.tsx';
import { CaseActionModal, type CaseAction } from '../components/CaseActionModal.tsx';
import { yuan } from '../components/money.ts';
import { CaseReveal } from '../components/CaseReveal.tsx';
import { ClockTag, StatusTag } from '../components/caseTags.tsx';

const statusVerbs: Record<CaseStatus, string> = {
  received: '登记',
  accepted: '受理',
  in_progress: '开始办理',
  resolved: '办结',
  closed: '关闭',
  rejected: '不予受理',
};

/** One case: who, what, where it stands, its clock, its timeline, and what the user's unit may do with it. */
export function CasePage() {
  const id = Number(useParams().id);
  const canWrite = useCan('assistance:write');
  const { message } = AntApp.useApp();
  const found = useCase(id);
  const run = useCaseAction(id);
  const [action, setAction] = useState<CaseAction | null>(null);
  const [aidOpen, setAidOpen] = useState(false);
  const [handling, setHandling] = useState<'assign' | 'refer' | null>(null);

  if (!Number.isInteger(id) || id < 1 || isNotFound(found.error)) {
    return (
      <NotFoundResult
        what="求助案件"
        back={{ to: '/assistance/cases', label: '返回案件列表' }}
        testId="case-not-found"
      />
    );
  }
  if (found.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (found.isError)
    return <Alert type="error" showIcon title="求助案件载入失败" description={errorMessage(found.error)} />;
  const c = found.data;
  const mayAct = canWrite && c.canAct;

  const setStatus = async (status: CaseStatus) => {
    if (finalCaseStatuses.includes(status)) {
      setAction({
        action: 'status',
        title: `${statusVerbs[status]}：${c.number}`,
        okText: statusVerbs[status],
        field: 'outcome',
        label: '办理结果',
        extra: { status },
        testId: 'case-outcome',
      });
      return;
    }
    try {
      await run.mutateAsync({ action: 'status', body: { status } });
      void message.success(`已${statusVerbs[status]}`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const assignmentColumns = [
    { title: '经办人', dataIndex: 'handlerName' },
    { title: '起', dataIndex: 'from', render: (d: string) => formatDateTime(d) },
    { title: '止', dataIndex: 'to', render: (d: string | null) => (d ? formatDateTime(d) : '至今') },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-page">
      <Card
        title={
          <Space>
            <span data-testid="case-number">{c.number}</span>
            <StatusTag c={c} />
          </Space>
        }
        extra={<Link to="/assistance/cases">返回列表</Link>}
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small" data-testid="case-facts">
          <Descriptions.Item label="案件类型">{caseTypeLabels[c.type]}</Descriptions.Item>
          <Descriptions.Item label="事由">{c.subject}</Descriptions.Item>
          <Descriptions.Item label="职工">
            <Link to={`/assistance/workers/${c.workerId}`} data-testid="case-worker-link">
              {c.workerName}
            </Link>
            {c.workerIsMember ? '（会员）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="所在单位">{c.employerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记单位">{c.intakeUnitName}</Descriptions.Item>
          <Descriptions.Item label="办理单位">
            <span data-testid="case-handling-unit">{c.handlingUnitName}</span>
          </Descriptions.Item>
          <Descriptions.Item label="经办人">
            {c.handlerId ? (
              <Link to={`/assistance/handlers/${c.handlerId}`} data-testid="case-handler">
                {c.handlerName}
              </Link>
            ) : (
              <span data-testid="case-handler">未指派</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="登记日期">{formatDate(c.receivedOn)}</Descriptions.Item>
          <Descriptions.Item label="受理日期">{formatDate(c.acceptedOn)}</Descriptions.Item>
          <Descriptions.Item label={c.deadlineKind ? deadlineKindLabels[c.deadlineKind] : '期限'}>
            <ClockTag c={c} />
          </Descriptions.Item>
          <Descriptions.Item label="办结日期">{formatDate(c.closedOn)}</Descriptions.Item>
          <Descriptions.Item label="办理结果" span={2}>
            <span data-testid="case-outcome-shown">{c.outcome ?? '—'}</span>
          </Descriptions.Item>
          {c.type === 'living_aid' ? (
            <Descriptions.Item label="救助金额" span={3}>
              <span data-testid="case-aid-text">
                {c.aidAmountFen === null
                  ? '未登记'
                  : `${yuan(c.aidAmountFen)} 元${c.aidApprovedOn ? `（${c.aidApprovedByName ?? '上级工会'} ${formatDate(c.aidApprovedOn)} 审批）` : ''}`}
              </span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="办理链条" span={3}>
            {c.chain.map((u) => u.name).join(' → ')}
          </Descriptions.Item>
        </Descriptions>
        <CaseReveal caseId={c.id} masked={c.workerResidentIdMasked} />
        {canWrite && !c.canAct ? (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={`本案件现由「${c.handlingUnitName}」办理，您只能查看`}
            data-testid="case-read-only"
          />
        ) : null}
        {mayAct ? (
          <Space wrap style={{ marginTop: 12 }} data-testid="case-actions">
            {c.nextStatuses.map((s) => (
              <Button
                key={s}
                type={finalCaseStatuses.includes(s) ? 'default' : 'primary'}
                onClick={() => void setStatus(s)}
                data-testid={`case-to-${s}`}
              >
                {statusVerbs[s]}
              </Button>
            ))}
            {c.closedOn === null ? (
              <Button onClick={() => setHandling('assign')} data-testid="case-assign-open">
                {c.handlerId ? '改派经办人' : '指派经办人'}
              </Button>
            ) : null}
            {c.closedOn === null ? (
              <Button onClick={() => setHandling('refer')} data-testid="case-refer-open">
                转交下级
              </Button>
            ) : null}
            {c.type === 'living_aid' && c.closedOn === null && c.aidApprovedOn === null ? (
              <Button onClick={() => setAidOpen(true)} data-testid="case-aid-open">
                登记救助金额
              </Button>
            ) : null}
            {c.type === 'living_aid' && c.closedOn === null && c.aidAmountFen !== null && !c.aidApprovedOn ? (
              <Button
                onClick={() =>
                  setAction({
                    action: 'aid/approve',
                    title: `审批救助金额 ${yuan(c.aidAmountFen ?? 0)} 元`,
                    okText: '批准',
                    field: 'note',
                    label: '审批意见',
                    testId: 'case-aid-approve',
                  })
                }
                data-testid="case-aid-approve-open"
              >
                上级审批
              </Button>
            ) : null}
            {c.escalatesTo ? (
              <Button
                onClick={() =>
                  setAction({
                    action: 'escalate',
                    title: `上报「${c.escalatesTo!.name}」办理`,
                    okText: '上报',
                    field: 'reason',
                    label: '上报原因',
                    testId: 'case-escalate',
                  })
                }
                data-testid="case-escalate-open"
              >
                上报上级
              </Button>
            ) : null}
            {c.closedOn === null ? (
              <Button
                onClick={() =>
                  setAction(
                    c.paused
                      ? {
                          action: 'resume',
                          title: '恢复计时',
                          okText: '恢复',
                          field: 'note',
                          label: '说明',
                          testId: 'case-resume',
                        }
                      : {
                          action: 'pause',
                          title: '等待职工补充，暂停计时',
                          okText: '暂停计时',
                          field: 'note',
                          label: '等待的事项',
                          testId: 'case-pause',
                        },
                  )
                }
                data-testid="case-pause-open"
              >
                {c.paused ? '恢复计时' : '暂停计时'}
              </Button>
            ) : null}
            <Button
              onClick={() =>
                setAction({
                  action: 'notes',
                  title: '添加备注',
                  okText: '添加',
                  field: 'note',
                  label: '备注',
                  testId: 'case-note',
                })
              }
              data-testid="case-note-open"
            >
              添加备注
            </Button>
          </Space>
        ) : null}
      </Card>
      {c.type === 'legal_aid' ? <LegalAidCard c={c} mayAct={mayAct} /> : null}
      {c.type === 'mediation' ? <MediationCard c={c} mayAct={mayAct} /> : null}
      <Card title="办理经过">
        <Timeline
          data-testid="case-timeline"
          items={c.events.map((e) => ({
            key: e.id,
            children: (
              <div data-testid="case-event">
                <strong>{caseEventKindLabels[e.kind]}</strong> · {e.unitName} · {e.actorName} ·{' '}
                {formatDateTime(e.at)}
                {e.note ? <div>{e.note}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      <Card title="经办人记录">
        <Table<CaseAssignment>
          rowKey={(a) => `${a.handlerId}-${a.from}`}
          size="small"
          columns={assignmentColumns}
          dataSource={c.assignments}
          pagination={false}
          locale={{ emptyText: '尚未指派经办人' }}
        />
      </Card>
      <CaseAttachments c={c} mayAdd={mayAct} />
      <RecordLinks type="assistance_case" id={c.id} emptyText="尚无其他业务转来或转出的关联记录" />
      {handling === 'assign' ? (
        <AssignModal
          c={c}
          onClose={() => setHandling(null)}
          onDone={() => {
            setHandling(null);
            void message.success('已指派经办人');
          }}
        />
      ) : null}
      {handling === 'refer' ? (
        <ReferModal
          c={c}
          onClose={() => setHandling(null)}
          onDone={() => {
            setHandling(null);
            void message.success('已转交下级办理');
          }}
        />
      ) : null}
      {aidOpen ? <AidAmountModal caseId={c.id} onClose={() => setAidOpen(false)} /> : null}
      {action ? (
        <CaseActionModal
          caseId={c.id}
          spec={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            void message.success(`${action.okText}成功`);
          }}
        />
      ) : null}
    </Space>
  );
}
