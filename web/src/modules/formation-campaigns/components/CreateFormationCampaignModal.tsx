import { Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import { createFormationCampaignBody, type FormationCampaign } from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateFormationCampaign } from '../api/formation-campaigns.ts';

interface FormationCampaignValues {
  name: string;
  orgUnitId: number | null;
  startedOn: string;
  endedOn?: string;
  description?: string;
}

const shape = createFormationCampaignBody.shape;

export function CreateFormationCampaignModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(c: FormationCampaign): void;
}) {
  const [form] = Form.useForm<FormationCampaignValues>();
  const me = useSession();
  const create = useCreateFormationCampaign();
  return (
    <FormModal<FormationCampaignValues>
      title="新建组建活动"
      open
      form={form}
      testId="formation-campaign-form"
      okText="新建"
      width={640}
      fields={['name', 'orgUnitId', 'startedOn', 'endedOn', 'description']}
      initialValues={{ orgUnitId: me.user.orgUnit.id, startedOn: todayIso() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (values.orgUnitId === null) return;
        onCreated(
          await create.mutateAsync({
            name: values.name.trim(),
            orgUnitId: values.orgUnitId,
            startedOn: values.startedOn,
            endedOn: values.endedOn ?? null,
            description: values.description?.trim() || null,
          }),
        );
      }}
    >
      <Form.Item
        name="name"
        label="活动名称"
        required
        rules={[zodRule(shape.name, { required: true, emptyMessage: '请填写活动名称' })]}
      >
        <Input maxLength={60} placeholder="如 双帮双比" data-testid="formation-campaign-name" />
      </Form.Item>
      <Form.Item
        name="orgUnitId"
        label="活动范围"
        required
        extra="统计该组织及其全部下级辖区内的新建工会和党组织"
        rules={[{ required: true, message: '请选择活动范围' }]}
      >
        <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} testId="formation-campaign-unit" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="startedOn"
            label="开始日期"
            required
            rules={[{ required: true, message: '请选择开始日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="endedOn"
            label="结束日期"
            dependencies={['startedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  const start: unknown = getFieldValue('startedOn');
                  if (typeof value === 'string' && typeof start === 'string' && value < start) {
                    throw new Error('结束日期不能早于开始日期');
                  }
                },
              }),
            ]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs('2000-01-01'))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="说明" rules={[zodRule(shape.description)]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
