import { useState } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import {
  agreementKindLabels,
  agreementKinds,
  createAgreementBody,
  type AgreementDetail,
  type AgreementKind,
  type Employer,
  type OrgUnit,
} from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker, type KnownOrg } from '../../orgs/components/OrgPicker.tsx';
import { useCreateAgreement } from '../api/agreements.ts';
import { EmployerSearchSelect } from './EmployerSearchSelect.tsx';

interface AgreementValues {
  kind: AgreementKind;
  wageSpecific: boolean;
  title: string;
  orgUnitId: number | null;
  employerIds: number[];
  signedOn: string;
  startsOn: string;
  endsOn: string;
  raisePercent?: number | null;
  minimumWageYuan?: number | null;
  filedOn?: string;
  note?: string;
}

const fields = [
  'kind',
  'wageSpecific',
  'title',
  'orgUnitId',
  'employerIds',
  'signedOn',
  'startsOn',
  'endsOn',
  'raisePercent',
  'minimumWageYuan',
  'filedOn',
  'note',
];
const aliases = { raiseBp: 'raisePercent', minimumWageFen: 'minimumWageYuan' };
const shape = createAgreementBody.shape;

/** The last day of a three-year term, the longest 《集体合同规定》 usually allows. */
const latestEnd = (startsOn: string) =>
  dayjs(startsOn).add(3, 'year').subtract(1, 'day').format('YYYY-MM-DD');

/** A rule comparing a date with another field of the form. */
function notBefore(other: keyof AgreementValues, message: (d: string) => string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      const d = getFieldValue(other) as string | undefined;
      if (typeof value === 'string' && d && value < d) throw new Error(message(d));
    },
  });
}

/** 5.5 (%) → 550 basis points; 2520.5 (yuan) → 252050 fen. */
const hundredths = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 100);

/** 登记集体合同: terms, the signing union and the employers covered, checked as they are typed. */
export function CreateAgreementModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(agreement: AgreementDetail): void;
}) {
  const [form] = Form.useForm<AgreementValues>();
  const me = useSession();
  const create = useCreateAgreement();
  const [known, setKnown] = useState<KnownOrg[]>([me.user.orgUnit]);
  const kind = Form.useWatch('kind', form) ?? 'enterprise';
  const signer = Form.useWatch('orgUnitId', form) ?? undefined;

  /** An enterprise agreement is signed by the employer's own union, or else where it is placed. */
  const pickEnterprise = async (chosen: Employer[]) => {
    const e = chosen[0];
    if (!e) return;
    let unit: KnownOrg = { id: e.orgUnitId, name: e.orgUnitName };
    if (e.grassrootsUnionId !== null) {
      const union = await apiGet<OrgUnit>(`/orgs/${e.grassrootsUnionId}`).catch(() => null);
      if (union) unit = { id: union.id, name: union.name };
    }
    setKnown((k) => [...k, unit]);
    form.setFieldValue('orgUnitId', unit.id);
    if (!form.getFieldValue('title')) {
      const year =
        (form.getFieldValue('startsOn') as string | undefined)?.slice(0, 4) ?? todayIso().slice(0, 4);
      form.setFieldValue('title', `${e.name.replace(/（.*$/, '')}${year}年度工资专项集体合同`);
    }
    void form.validateFields(['orgUnitId', 'title']);
  };

  return (
    <FormModal<AgreementValues>
      title="登记集体合同"
      open
      form={form}
      testId="agreement-form"
      okText="登记"
      width={820}
      fields={fields}
      aliases={aliases}
      initialValues={{ kind: 'enterprise', wageSpecific: true, employerIds: [] }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (v.orgUnitId === null) return;
        onCreated(
          await create.mutateAsync({
            kind: v.kind,
            wageSpecific: v.wageSpecific,
            title: v.title.trim(),
            orgUnitId: v.orgUnitId,
            employerIds: v.employerIds,
            signedOn: v.signedOn,
            startsOn: v.startsOn,
            endsOn: v.endsOn,
            raiseBp: hundredths(v.raisePercent),
            minimumWageFen: hundredths(v.minimumWageYuan),
            filedOn: v.filedOn ?? null,
            note: v.note?.trim() || null,
          }),
        );
      }}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="kind" label="合同类型" required>
            <Radio.Group
              optionType="button"
              options={agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }))}
              onChange={() => form.setFieldValue('employerIds', [])}
              data-testid="agreement-kind"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="wageSpecific" label="合同性质" required>
            <Radio.Group
              options={[
                { value: true, label: '工资专项集体合同' },
                { value: false, label: '综合集体合同' },
              ]}
              data-testid="agreement-wage-specific"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="employerIds"
            label={kind === 'enterprise' ? '签约单位' : '覆盖单位'}
            required
            extra={
              kind === 'enterprise' ? '企业集体合同覆盖一家单位' : '区域性、行业性集体合同可覆盖多家单位'
            }
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一家覆盖的单位' }]}
          >
            <EmployerSearchSelect
              multiple={kind !== 'enterprise'}
              orgUnitId={kind === 'regional' ? signer : undefined}
              onPick={kind === 'enterprise' ? (e) => void pickEnterprise(e) : undefined}
              testId="agreement-employers"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="orgUnitId"
            label="签约工会"
            required
            extra={
              kind === 'enterprise' ? '选择单位后自动填入其基层工会' : '镇（街道）、村（社区）或行业工会'
            }
            rules={[{ required: true, message: '请选择签约工会' }]}
          >
            <OrgPicker
              asOf={todayIso()}
              known={known}
              testId="agreement-org"
              placeholder="输入工会名称搜索"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="title"
            label="合同名称"
            required
            rules={[zodRule(shape.title, { required: true, emptyMessage: '请填写合同名称' })]}
          >
            <Input maxLength={100} data-testid="agreement-title" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="signedOn"
            label="签订日期"
            required
            rules={[{ required: true, message: '请选择签订日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={isAfterToday}
              data-testid="agreement-signed-on"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="startsOn"
            label="生效日期"
            required
            dependencies={['signedOn']}
            rules={[
              { required: true, message: '请选择生效日期' },
              notBefore('signedOn', (d) => `生效日期不能早于签订日期 ${d}`),
            ]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="agreement-starts-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="endsOn"
            label="期满日期"
            required
            dependencies={['startsOn']}
            rules={[
              { required: true, message: '请选择期满日期' },
              notBefore('startsOn', (d) => `期满日期不能早于生效日期 ${d}`),
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  const start = getFieldValue('startsOn') as string | undefined;
                  if (typeof value === 'string' && start && value > latestEnd(start))
                    throw new Error(`集体合同期限一般为 1 至 3 年，期满日期最晚为 ${latestEnd(start)}`);
                },
              }),
            ]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="agreement-ends-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="raisePercent" label="工资增幅（%）">
            <InputNumber
              min={-100}
              max={1000}
              precision={2}
              step={0.5}
              style={{ width: '100%' }}
              data-testid="agreement-raise"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="minimumWageYuan" label="最低工资（元/月）">
            <InputNumber
              min={0}
              max={1_000_000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="agreement-minimum-wage"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="filedOn"
            label="备案日期"
            dependencies={['signedOn']}
            rules={[notBefore('signedOn', (d) => `备案日期不能早于签订日期 ${d}`)]}
            {...isoDateItemProps}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={isAfterToday}
              data-testid="agreement-filed-on"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label="备注" rules={[zodRule(shape.note)]}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
