import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import {
  createFairBody,
  fairCategories,
  fairCategoryLabels,
  type FairCategory,
  type FairDetail,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateFair } from '../api/employment.ts';

interface FairValues {
  title: string;
  category: FairCategory;
  heldOn: string;
  venue: string;
  orgUnitId: number | null;
  note?: string;
}

const fields = ['title', 'category', 'heldOn', 'venue', 'orgUnitId', 'note'];
const shape = createFairBody.shape;

/** 登记招聘会: title, dedicated kind, date, venue and the organising union. */
export function CreateFairModal({ onClose, onCreated }: { onClose(): void; onCreated(f: FairDetail): void }) {
  const [form] = Form.useForm<FairValues>();
  const me = useSession();
  const create = useCreateFair();
  return (
    <FormModal<FairValues>
      title="登记招聘会"
      open
      form={form}
      testId="fair-form"
      okText="登记"
      width={720}
      fields={fields}
      initialValues={{ category: 'general', orgUnitId: me.user.orgUnit.id }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (v.orgUnitId === null) return;
        onCreated(
          await create.mutateAsync({
            title: v.title.trim(),
            category: v.category,
            heldOn: v.heldOn,
            venue: v.venue.trim(),
            orgUnitId: v.orgUnitId,
            note: v.note?.trim() || null,
          }),
        );
      }}
    >
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item
            name="title"
            label="招聘会名称"
            required
            rules={[zodRule(shape.title, { required: true, emptyMessage: '请填写招聘会名称' })]}
          >
            <Input maxLength={100} data-testid="fair-title" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="category"
            label="专场类型"
            required
            rules={[{ required: true, message: '请选择专场类型' }]}
          >
            <Select
              options={fairCategories.map((c) => ({ value: c, label: fairCategoryLabels[c] }))}
              data-testid="fair-category"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="heldOn"
            label="举办日期"
            required
            rules={[{ required: true, message: '请选择举办日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="fair-held-on" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="venue"
            label="举办地点"
            required
            rules={[zodRule(shape.venue, { required: true, emptyMessage: '请填写举办地点' })]}
          >
            <Input maxLength={100} data-testid="fair-venue" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="orgUnitId"
            label="主办单位"
            required
            rules={[{ required: true, message: '请选择主办单位' }]}
          >
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              testId="fair-org"
              placeholder="输入工会名称搜索"
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
