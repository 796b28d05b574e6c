import { DatePicker, Form, Input, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  closeEmployerBody,
  instructorActionBody,
  partyStatusLabels,
  unionActionBody,
  unionStatusLabels,
  type Employer,
  type PartyStatus,
  type UnionStatus,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { formatDate, todayIso } from '../../../shared/format.ts';
import { useCloseEmployer, useSetInstructor, useSetParty, useSetUnion } from '../api/employers.ts';

interface ActionModalProps {
  employer: Employer;
  onClose(): void;
  onDone(employer: Employer, message: string): void;
}

/** Status changes are dated between the registration and today. */
function outsideRange(registeredOn: string) {
  return (value: dayjs.Dayjs) => value.isAfter(dayjs(), 'day') || value.isBefore(dayjs(registeredOn), 'day');
}

function DateField({ employer, label }: { employer: Employer; label: string }) {
  return (
    <Form.Item
      name="date"
      label={label}
      required
      extra={`不早于单位登记日期 ${formatDate(employer.registeredOn)}，不晚于今天`}
      rules={[{ required: true, message: `请选择${label}` }, zodRule(unionActionBody.shape.date)]}
      {...isoDateItemProps}
    >
      <DatePicker
        style={{ width: 200 }}
        disabledDate={outsideRange(employer.registeredOn)}
        data-testid="action-date"
      />
    </Form.Item>
  );
}

const unionChoices: { value: UnionStatus; label: string; help: string }[] = [
  { value: 'own', label: unionStatusLabels.own, help: '单位建立自己的基层工会，系统同时建立该基层工会组织' },
  { value: 'joint', label: unionStatusLabels.joint, help: '单位职工加入所在村（社区）或行业的联合工会' },
  { value: 'preparing', label: '筹建', help: '已成立筹建小组，尚未建会' },
  { value: 'none', label: '改为未建会', help: '更正记录或工会撤销' },
];

interface UnionValues {
  status: UnionStatus;
  date: string;
  unionName?: string;
  note?: string;
}

/** 建会: 单独建会, 联合建会 or 筹建, from a date. */
export function UnionModal({ employer, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<UnionValues>();
  const status = Form.useWatch('status', form);
  const setUnion = useSetUnion();
  const choices = unionChoices.filter((c) => c.value !== employer.unionStatus);
  return (
    <FormModal<UnionValues>
      title={`建会：${employer.name}`}
      open
      form={form}
      testId="union-modal"
      okText="确定"
      fields={['status', 'date', 'unionName', 'note']}
      initialValues={{ date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await setUnion.mutateAsync({
          id: employer.id,
          body: {
            status: values.status,
            date: values.date,
            unionName: values.status === 'own' ? values.unionName?.trim() || undefined : undefined,
            note: values.note?.trim() || null,
          },
        });
        onDone(result, `已记录 ${employer.name} ${unionStatusLabels[values.status]}`);
      }}
    >
      <Typography.Paragraph type="secondary">
        当前状态：{unionStatusLabels[employer.unionStatus]}
      </Typography.Paragraph>
      <Form.Item
        name="status"
        label="建会方式"
        required
        rules={[{ required: true, message: '请选择建会方式' }]}
      >
        <Radio.Group>
          {choices.map((c) => (
            <Radio key={c.value} value={c.value} style={{ display: 'flex', marginBottom: 6 }}>
              {c.label}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {c.help}
              </Typography.Text>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <DateField employer={employer} label="建会日期" />
      {status === 'own' && employer.grassrootsUnionId === null ? (
        <Form.Item
          name="unionName"
          label="基层工会名称"
          extra={`不填则为「${employer.name}工会委员会」`}
          rules={[{ min: 2, max: 100, message: '基层工会名称应为 2–100 个字' }]}
        >
          <Input maxLength={100} placeholder={`${employer.name}工会委员会`} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label="说明" rules={[zodRule(unionActionBody.shape.note)]}>
        <Input.TextArea maxLength={200} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface PartyValues {
  status: PartyStatus;
  date: string;
  note?: string;
}

const partyChoices: { value: PartyStatus; label: string }[] = [
  { value: 'independent', label: `${partyStatusLabels.independent}（本单位党组织）` },
  { value: 'joint', label: `${partyStatusLabels.joint}（与其他单位联合）` },
  { value: 'none', label: '改为未建党组织' },
];

/** 党组织: built independently or jointly, from a date. */
export function PartyModal({ employer, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<PartyValues>();
  const setParty = useSetParty();
  return (
    <FormModal<PartyValues>
      title={`党组织组建：${employer.name}`}
      open
      form={form}
      testId="party-modal"
      fields={['status', 'date', 'note']}
      initialValues={{ date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await setParty.mutateAsync({
          id: employer.id,
          body: { status: values.status, date: values.date, note: values.note?.trim() || null },
        });
        onDone(result, `已记录 ${employer.name} 党组织${partyStatusLabels[values.status]}`);
      }}
    >
      <Typography.Paragraph type="secondary">
        当前状态：{partyStatusLabels[employer.partyStatus]}
      </Typography.Paragraph>
      <Form.Item
        name="status"
        label="组建方式"
        required
        rules={[{ required: true, message: '请选择组建方式' }]}
      >
        <Radio.Group options={partyChoices.filter((c) => c.value !== employer.partyStatus)} />
      </Form.Item>
      <DateField employer={employer} label="组建日期" />
      <Form.Item name="note" label="说明" rules={[zodRule(unionActionBody.shape.note)]}>
        <Input.TextArea maxLength={200} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface InstructorValues {
  name?: string;
  date: string;
}

/** Assigns a party-building instructor, or withdraws one when the name is left empty. */
export function InstructorModal({ employer, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<InstructorValues>();
  const setInstructor = useSetInstructor();
  return (
    <FormModal<InstructorValues>
      title={`党建指导员：${employer.name}`}
      open
      form={form}
      testId="instructor-modal"
      fields={['name', 'date']}
      initialValues={{ name: employer.instructorName ?? undefined, date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const name = values.name?.trim() || null;
        const result = await setInstructor.mutateAsync({
          id: employer.id,
          body: { name, date: values.date },
        });
        onDone(result, name ? `已选派党建指导员 ${name}` : '已撤回党建指导员');
      }}
    >
      <Form.Item
        name="name"
        label="指导员姓名"
        extra={employer.instructorName ? '清空姓名即撤回现任指导员' : undefined}
        rules={[zodRule(instructorActionBody.shape.name)]}
      >
        <Input maxLength={40} data-testid="instructor-name" />
      </Form.Item>
      <DateField employer={employer} label="选派日期" />
    </FormModal>
  );
}

interface CloseValues {
  date: string;
  note?: string;
}

export function CloseEmployerModal({ employer, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<CloseValues>();
  const close = useCloseEmployer();
  return (
    <FormModal<CloseValues>
      title={`注销单位：${employer.name}`}
      open
      danger
      form={form}
      testId="close-modal"
      okText="注销"
      fields={['date', 'note']}
      initialValues={{ date: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const result = await close.mutateAsync({
          id: employer.id,
          body: { date: values.date, note: values.note?.trim() || null },
        });
        onDone(result, `已注销 ${employer.name}`);
      }}
    >
      <Typography.Paragraph type="warning">
        注销后该单位不再计入组织建设指标，也不能再修改；历史日期的统计不受影响。
      </Typography.Paragraph>
      <DateField employer={employer} label="注销日期" />
      <Form.Item name="note" label="说明" rules={[zodRule(closeEmployerBody.shape.note)]}>
        <Input.TextArea maxLength={200} rows={2} placeholder="如 迁出本市、歇业" />
      </Form.Item>
    </FormModal>
  );
}
