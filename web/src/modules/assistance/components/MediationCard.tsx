import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  partySideLabels,
  partySides,
  signerLabels,
  type CaseDetail,
  type MediationDetail,
  type PartySide,
  type Signer,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday } from '../../../shared/dateField.ts';
import { formatDate } from '../../../shared/format.ts';
import { useCaseWriteTo } from '../api/handling.ts';
import { HandlerSelect } from './HandlerSelect.tsx';

type Dialog =
  { kind: 'party' } | { kind: 'session' } | { kind: 'agreement' } | { kind: 'sign'; signer: Signer };

const required = (label: string, min: number) => [
  { required: true, message: `请填写${label}` },
  { min, message: `${label}至少 ${min} 个字` },
];

function PartyModal({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ side: PartySide; partyName: string; representative?: string }>();
  const save = useCaseWriteTo(c.id, 'mediation/parties');
  return (
    <FormModal<{ side: PartySide; partyName: string; representative?: string }>
      title="登记当事人"
      open
      form={form}
      fields={['side', 'partyName', 'representative']}
      initialValues={{ side: c.mediation?.parties.length ? 'respondent' : 'applicant' }}
      okText="登记"
      testId="mediation-party"
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({ ...v, representative: v.representative || null });
        onDone();
      }}
    >
      <Form.Item name="side" label="当事方" rules={[{ required: true, message: '请选择当事方' }]}>
        <Select options={partySides.map((s) => ({ value: s, label: partySideLabels[s] }))} />
      </Form.Item>
      <Form.Item name="partyName" label="当事人名称（职工姓名或单位名称）" rules={required('当事人名称', 2)}>
        <Input maxLength={60} data-testid="mediation-party-name" />
      </Form.Item>
      <Form.Item name="representative" label="代理人或代表">
        <Input maxLength={30} />
      </Form.Item>
    </FormModal>
  );
}

function SessionModal({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ heldOn: Dayjs; place: string; note: string }>();
  const save = useCaseWriteTo(c.id, 'mediation/sessions');
  return (
    <FormModal<{ heldOn: Dayjs; place: string; note: string }>
      title="记录调解"
      open
      form={form}
      fields={['heldOn', 'place', 'note']}
      initialValues={{ heldOn: dayjs() }}
      okText="记录"
      testId="mediation-session"
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({ heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place, note: v.note });
        onDone();
      }}
    >
      <Form.Item name="heldOn" label="调解日期" rules={[{ required: true, message: '请选择调解日期' }]}>
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
      <Form.Item name="place" label="调解地点" rules={required('调解地点', 2)}>
        <Input maxLength={60} data-testid="mediation-session-place" />
      </Form.Item>
      <Form.Item name="note" label="调解情况" rules={required('调解情况', 2)}>
        <Input.TextArea rows={4} maxLength={1000} data-testid="mediation-session-note" />
      </Form.Item>
    </FormModal>
  );
}

function AgreementModal({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ terms: string }>();
  const save = useCaseWriteTo(c.id, 'mediation/agreement', 'PUT');
  return (
    <FormModal<{ terms: string }>
      title="调解协议"
      open
      form={form}
      fields={['terms']}
      initialValues={{ terms: c.mediation?.agreement?.terms }}
      okText="保存协议"
      width={680}
      testId="mediation-agreement"
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync(v);
        onDone();
      }}
    >
      <Form.Item name="terms" label="协议内容（任何一方签字后不能再修改）" rules={required('协议内容', 10)}>
        <Input.TextArea rows={8} maxLength={5000} data-testid="mediation-agreement-terms" />
      </Form.Item>
    </FormModal>
  );
}

function SignModal({
  c,
  signer,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  signer: Signer;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ signedOn: Dayjs; mediatorId?: number }>();
  const save = useCaseWriteTo(c.id, 'mediation/agreement/sign');
  return (
    <FormModal<{ signedOn: Dayjs; mediatorId?: number }>
      title={`${signerLabels[signer]}签字`}
      open
      form={form}
      fields={['signedOn', 'mediatorId']}
      initialValues={{ signedOn: dayjs() }}
      okText="登记签字"
      testId="mediation-sign"
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({
          signer,
          signedOn: v.signedOn.format('YYYY-MM-DD'),
          mediatorId: signer === 'mediator' ? v.mediatorId : null,
        });
        onDone();
      }}
    >
      {signer === 'mediator' ? (
        <Form.Item
          name="mediatorId"
          label="调解员"
          rules={[{ required: true, message: '请选择签字的调解员' }]}
        >
          <HandlerSelect testId="mediation-sign-mediator" placeholder="输入姓名查找调解员" />
        </Form.Item>
      ) : null}
      <Form.Item name="signedOn" label="签字日期" rules={[{ required: true, message: '请选择签字日期' }]}>
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
    </FormModal>
  );
}

function signedOn(a: NonNullable<MediationDetail['agreement']>, s: Signer): string | null {
  return s === 'applicant'
    ? a.applicantSignedOn
    : s === 'respondent'
      ? a.respondentSignedOn
      : a.mediatorSignedOn;
}

/** Mediation of a labour dispute: the parties, each session, and the agreement both parties and the mediator sign. */
export function MediationCard({ c, mayAct }: { c: CaseDetail; mayAct: boolean }) {
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const m = c.mediation ?? { parties: [], sessions: [], agreement: null };
  const open = mayAct && c.closedOn === null;
  const a = m.agreement;
  const anySigned = a
    ? a.applicantSignedOn !== null || a.respondentSignedOn !== null || a.mediatorSignedOn !== null
    : false;
  const cancel = () => setDialog(null);
  const done = () => {
    setDialog(null);
    void message.success('已保存');
  };
  return (
    <Card title="劳资纠纷调处" data-testid="mediation-card">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Space style={{ marginBottom: 8 }}>
            <strong>当事人</strong>
            {open && !a ? (
              <Button
                size="small"
                onClick={() => setDialog({ kind: 'party' })}
                data-testid="mediation-party-open"
              >
                登记当事人
              </Button>
            ) : null}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.parties}
            data-testid="mediation-parties"
            locale={{ emptyText: '尚未登记当事人' }}
            columns={[
              {
                title: '当事方',
                dataIndex: 'side',
                width: 100,
                render: (s: PartySide) => partySideLabels[s],
              },
              { title: '名称', dataIndex: 'partyName' },
              { title: '代理人或代表', dataIndex: 'representative', render: (r: string | null) => r ?? '—' },
            ]}
          />
        </div>
        <div>
          <Space style={{ marginBottom: 8 }}>
            <strong>调解经过</strong>
            {open ? (
              <Button
                size="small"
                onClick={() => setDialog({ kind: 'session' })}
                data-testid="mediation-session-open"
              >
                记录调解
              </Button>
            ) : null}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.sessions}
            data-testid="mediation-sessions"
            locale={{ emptyText: '尚未调解' }}
            columns={[
              { title: '日期', dataIndex: 'heldOn', width: 110, render: (d: string) => formatDate(d) },
              { title: '地点', dataIndex: 'place', width: 160 },
              { title: '调解情况', dataIndex: 'note' },
              { title: '记录人', dataIndex: 'actorName', width: 110 },
            ]}
          />
        </div>
        <div>
          <Space style={{ marginBottom: 8 }}>
            <strong>调解协议</strong>
            {a?.complete ? (
              <Tag color="green" data-testid="mediation-agreement-state">
                已生效
              </Tag>
            ) : a ? (
              <Tag color="orange" data-testid="mediation-agreement-state">
                待签字
              </Tag>
            ) : null}
            {open && !anySigned ? (
              <Button
                size="small"
                onClick={() => setDialog({ kind: 'agreement' })}
                data-testid="mediation-agreement-open"
              >
                {a ? '修改协议' : '拟定协议'}
              </Button>
            ) : null}
          </Space>
          {a ? (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="协议内容">
                <span style={{ whiteSpace: 'pre-wrap' }}>{a.terms}</span>
              </Descriptions.Item>
              {(['applicant', 'respondent', 'mediator'] as const).map((s) => {
                const on = signedOn(a, s);
                return (
                  <Descriptions.Item key={s} label={`${signerLabels[s]}签字`}>
                    {on ? (
                      <span data-testid={`mediation-signed-${s}`}>
                        {s === 'mediator' && a.mediatorName ? `${a.mediatorName}，` : ''}
                        {formatDate(on)} 已签字
                      </span>
                    ) : open ? (
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'sign', signer: s })}
                        data-testid={`mediation-sign-${s}`}
                      >
                        登记签字
                      </Button>
                    ) : (
                      '未签字'
                    )}
                  </Descriptions.Item>
                );
              })}
            </Descriptions>
          ) : (
            <div>尚未拟定调解协议；申请调解 15 日内未达成协议的，应告知当事人申请劳动争议仲裁。</div>
          )}
        </div>
      </Space>
      {dialog?.kind === 'party' ? <PartyModal c={c} onClose={cancel} onDone={done} /> : null}
      {dialog?.kind === 'session' ? <SessionModal c={c} onClose={cancel} onDone={done} /> : null}
      {dialog?.kind === 'agreement' ? <AgreementModal c={c} onClose={cancel} onDone={done} /> : null}
      {dialog?.kind === 'sign' ? (
        <SignModal c={c} signer={dialog.signer} onClose={cancel} onDone={done} />
      ) : null}
    </Card>
  );
}
