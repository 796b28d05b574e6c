import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { assistanceKindLabels, assistanceKinds, type AssistanceKind } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday } from '../../../shared/dateField.ts';
import { useGiveAssistance } from '../api/archives.ts';

interface GiveValues {
  kind: AssistanceKind;
  amountYuan?: number;
  description?: string;
  fund: string;
  givenOn: Dayjs;
}

/** Records one help given to the household: money (in yuan on screen, fen on the server), goods or a service. */
export function GiveAssistanceModal({ archiveId, onClose }: { archiveId: number; onClose(): void }) {
  const [form] = Form.useForm<GiveValues>();
  const give = useGiveAssistance(archiveId);
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<GiveValues>
      title="记录帮扶"
      open
      form={form}
      fields={['kind', 'amountFen', 'description', 'fund', 'givenOn']}
      aliases={{ amountFen: 'amountYuan' }}
      initialValues={{ kind: 'money', givenOn: dayjs() }}
      okText="记录"
      testId="archive-give"
      onCancel={onClose}
      onSubmit={async (v) => {
        await give.mutateAsync({
          kind: v.kind,
          amountFen: v.kind === 'money' && v.amountYuan !== undefined ? Math.round(v.amountYuan * 100) : null,
          description: v.description || null,
          fund: v.fund,
          givenOn: v.givenOn.format('YYYY-MM-DD'),
        });
        onClose();
      }}
    >
      <Form.Item name="kind" label="帮扶方式" rules={[{ required: true, message: '请选择帮扶方式' }]}>
        <Select options={assistanceKinds.map((k) => ({ value: k, label: assistanceKindLabels[k] }))} />
      </Form.Item>
      {kind === 'money' ? (
        <Form.Item
          name="amountYuan"
          label="金额（元）"
          rules={[{ required: true, message: '资金帮扶请填写金额' }]}
        >
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="archive-give-amount" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="description"
        label="帮扶内容"
        rules={kind === 'money' ? [] : [{ required: true, message: '请填写帮扶内容' }]}
      >
        <Input maxLength={200} placeholder="如：金秋助学金、送清凉物资" />
      </Form.Item>
      <Form.Item
        name="fund"
        label="资金或物资来源"
        rules={[{ required: true, message: '请填写资金或物资来源' }]}
      >
        <Input maxLength={30} placeholder="如：帮扶资金、送温暖资金" data-testid="archive-give-fund" />
      </Form.Item>
      <Form.Item name="givenOn" label="帮扶日期" rules={[{ required: true, message: '请选择帮扶日期' }]}>
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
    </FormModal>
  );
}
