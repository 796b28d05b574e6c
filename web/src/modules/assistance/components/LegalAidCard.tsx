import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Select } from 'antd';
import {
  legalAidOutcomeLabels,
  legalAidOutcomes,
  type CaseDetail,
  type LegalAidOutcome,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { useCaseWriteTo } from '../api/handling.ts';
import { HandlerSelect } from './HandlerSelect.tsx';
import { yuan } from './money.ts';

interface LegalAidValues {
  lawyerId: number;
  legalOutcome?: LegalAidOutcome;
  recoveredYuan?: number;
  outcomeNote?: string;
}

function LegalAidModal({ c, onClose }: { c: CaseDetail; onClose(): void }) {
  const [form] = Form.useForm<LegalAidValues>();
  const { message } = AntApp.useApp();
  const save = useCaseWriteTo(c.id, 'legal-aid', 'PUT');
  const d = c.legalAid;
  return (
    <FormModal<LegalAidValues>
      title="援助律师与援助结果"
      open
      form={form}
      fields={['lawyerId', 'legalOutcome', 'recoveredYuan', 'outcomeNote']}
      aliases={{ recoveredFen: 'recoveredYuan' }}
      initialValues={{
        lawyerId: d?.lawyerId ?? undefined,
        legalOutcome: d?.legalOutcome ?? undefined,
        recoveredYuan: d?.recoveredFen === null || !d ? undefined : d.recoveredFen / 100,
        outcomeNote: d?.outcomeNote ?? undefined,
      }}
      okText="保存"
      testId="legal-aid"
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({
          lawyerId: v.lawyerId,
          legalOutcome: v.legalOutcome ?? null,
          recoveredFen:
            v.recoveredYuan === undefined || v.recoveredYuan === null
              ? null
              : Math.round(v.recoveredYuan * 100),
          outcomeNote: v.outcomeNote || null,
        });
        void message.success('已保存');
        onClose();
      }}
    >
      <Form.Item
        name="lawyerId"
        label="援助律师（经办人名录中的律师）"
        rules={[{ required: true, message: '请选择援助律师' }]}
      >
        <HandlerSelect kind="lawyer" testId="legal-aid-lawyer" placeholder="输入姓名查找律师" />
      </Form.Item>
      <Form.Item name="legalOutcome" label="援助结果（结案时填写）">
        <Select
          allowClear
          placeholder="尚无结果"
          options={legalAidOutcomes.map((o) => ({ value: o, label: legalAidOutcomeLabels[o] }))}
          data-testid="legal-aid-outcome"
        />
      </Form.Item>
      <Form.Item name="recoveredYuan" label="为职工挽回金额（元）">
        <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="legal-aid-recovered" />
      </Form.Item>
      <Form.Item name="outcomeNote" label="结果说明">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** Legal aid: the lawyer assigned to the worker and what the aid achieved. */
export function LegalAidCard({ c, mayAct }: { c: CaseDetail; mayAct: boolean }) {
  const [open, setOpen] = useState(false);
  const d = c.legalAid;
  return (
    <Card
      title="法律援助"
      extra={
        mayAct && c.closedOn === null ? (
          <Button onClick={() => setOpen(true)} data-testid="legal-aid-open">
            {d ? '修改律师或结果' : '指定援助律师'}
          </Button>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small" data-testid="legal-aid-facts">
        <Descriptions.Item label="援助律师">
          {d?.lawyerName
            ? `${d.lawyerName}${d.lawyerOrganisation ? `（${d.lawyerOrganisation}）` : ''}`
            : '未指定'}
        </Descriptions.Item>
        <Descriptions.Item label="援助结果">
          {d?.legalOutcome ? legalAidOutcomeLabels[d.legalOutcome] : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="挽回金额">
          {d?.recoveredFen === null || !d ? '—' : `${yuan(d.recoveredFen)} 元`}
        </Descriptions.Item>
        {d?.outcomeNote ? (
          <Descriptions.Item label="结果说明" span={3}>
            {d.outcomeNote}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {open ? <LegalAidModal c={c} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
