import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import {
  createPositionBody,
  jobCategories,
  jobCategoryLabels,
  suitabilities,
  suitabilityLabels,
  type FairDetail,
  type JobCategory,
  type Suitability,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { zodRule } from '../../../shared/forms.ts';
import { useCreatePosition } from '../api/employment.ts';
import { toFen } from './format.ts';

interface Values {
  fairEmployerId: number;
  title: string;
  jobCategory: JobCategory;
  openings: number;
  payMinYuan: number;
  payMaxYuan: number;
  requirements?: string;
  skills: string[];
  suitability: Suitability[];
}

const fields = [
  'fairEmployerId',
  'title',
  'jobCategory',
  'openings',
  'payMinYuan',
  'payMaxYuan',
  'requirements',
  'skills',
  'suitability',
];
const aliases = { payMinFen: 'payMinYuan', payMaxFen: 'payMaxYuan' };
const shape = createPositionBody.shape;

/** 发布岗位: what an employer at the fair is hiring for, with the monthly pay in yuan. */
export function CreatePositionModal({ fair, onClose }: { fair: FairDetail; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreatePosition();
  return (
    <FormModal<Values>
      title="发布招聘岗位"
      open
      form={form}
      testId="position-form"
      okText="发布"
      width={720}
      fields={fields}
      aliases={aliases}
      initialValues={{ fairEmployerId: fair.employers[0]?.id, openings: 1, skills: [], suitability: [] }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await create.mutateAsync({
          fairEmployerId: v.fairEmployerId,
          title: v.title.trim(),
          jobCategory: v.jobCategory,
          openings: v.openings,
          payMinFen: toFen(v.payMinYuan) ?? 0,
          payMaxFen: toFen(v.payMaxYuan) ?? 0,
          requirements: v.requirements?.trim() || null,
          skills: v.skills,
          suitability: v.suitability,
        });
        onClose();
      }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="fairEmployerId"
            label="参会单位"
            required
            rules={[{ required: true, message: '请选择参会单位' }]}
          >
            <Select
              options={fair.employers.map((e) => ({
                value: e.id,
                label: `${e.booth ? `${e.booth} ` : ''}${e.name}`,
              }))}
              data-testid="position-employer"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="title"
            label="岗位名称"
            required
            rules={[zodRule(shape.title, { required: true, emptyMessage: '请填写岗位名称' })]}
          >
            <Input maxLength={50} data-testid="position-title" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="jobCategory"
            label="岗位类别"
            required
            rules={[{ required: true, message: '请选择岗位类别' }]}
          >
            <Select
              options={jobCategories.map((c) => ({ value: c, label: jobCategoryLabels[c] }))}
              data-testid="position-category"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="openings"
            label="招聘人数"
            required
            rules={[{ required: true, message: '请填写招聘人数' }]}
          >
            <InputNumber
              min={1}
              max={10000}
              precision={0}
              style={{ width: '100%' }}
              data-testid="position-openings"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="payMinYuan"
            label="月薪下限（元）"
            required
            rules={[{ required: true, message: '请填写月薪下限' }]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="position-pay-min"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="payMaxYuan"
            label="月薪上限（元）"
            required
            dependencies={['payMinYuan']}
            rules={[
              { required: true, message: '请填写月薪上限' },
              ({ getFieldValue }) => ({
                validator: async (_r, value: unknown) => {
                  const min = getFieldValue('payMinYuan') as number | undefined;
                  if (typeof value === 'number' && typeof min === 'number' && value < min)
                    throw new Error(`月薪上限不能低于下限 ${min.toFixed(2)} 元`);
                },
              }),
            ]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="position-pay-max"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="skills" label="技能要求">
            <Select
              mode="tags"
              maxCount={10}
              tokenSeparators={[',', '，', '、']}
              data-testid="position-skills"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="suitability" label="适合人群">
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={suitabilities.map((s) => ({ value: s, label: suitabilityLabels[s] }))}
              data-testid="position-suitability"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="requirements" label="任职要求" rules={[zodRule(shape.requirements)]}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
