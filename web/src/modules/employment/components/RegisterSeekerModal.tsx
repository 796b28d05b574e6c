import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import {
  createSeekerBody,
  jobCategories,
  jobCategoryLabels,
  seekerChannelLabels,
  seekerChannels,
  seekerSituationLabels,
  seekerSituations,
  type JobCategory,
  type SeekerChannel,
  type SeekerDetail,
  type SeekerSituation,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useFairList, useRegisterSeeker } from '../api/employment.ts';
import { toFen } from './format.ts';

interface Values {
  name: string;
  residentId: string;
  phone?: string;
  situation: SeekerSituation;
  skills: string[];
  wishedCategories: JobCategory[];
  wishedPayMinYuan?: number | null;
  wishes?: string;
  orgUnitId: number | null;
  registeredVia: SeekerChannel;
  fairId?: number | null;
  registeredOn: string;
}

const fields = [
  'name',
  'residentId',
  'phone',
  'situation',
  'skills',
  'wishedCategories',
  'wishedPayMinYuan',
  'wishes',
  'orgUnitId',
  'registeredVia',
  'fairId',
  'registeredOn',
];
const aliases = { wishedPayMinFen: 'wishedPayMinYuan' };
const shape = createSeekerBody.shape;

/** 登记求职人员: the person (ID sealed on the server), their situation, skills and wishes, and where they came. */
export function RegisterSeekerModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(s: SeekerDetail): void;
}) {
  const [form] = Form.useForm<Values>();
  const me = useSession();
  const register = useRegisterSeeker();
  const via = Form.useWatch('registeredVia', form) ?? 'office';
  const fairs = useFairList({ q: '', sort: 'heldOn', order: 'desc', page: 1, pageSize: 50 });
  return (
    <FormModal<Values>
      title="登记求职人员"
      open
      form={form}
      testId="seeker-form"
      okText="登记"
      width={760}
      fields={fields}
      aliases={aliases}
      initialValues={{
        situation: 'laid_off',
        registeredVia: 'office',
        skills: [],
        wishedCategories: [],
        orgUnitId: me.user.orgUnit.id,
        registeredOn: todayIso(),
      }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (v.orgUnitId === null) return;
        onCreated(
          await register.mutateAsync({
            name: v.name.trim(),
            residentId: v.residentId.trim(),
            phone: v.phone?.trim() || null,
            situation: v.situation,
            skills: v.skills,
            wishedCategories: v.wishedCategories,
            wishedPayMinFen: toFen(v.wishedPayMinYuan),
            wishes: v.wishes?.trim() || null,
            orgUnitId: v.orgUnitId,
            registeredVia: v.registeredVia,
            fairId: v.registeredVia === 'fair' ? (v.fairId ?? null) : null,
            registeredOn: v.registeredOn,
          }),
        );
      }}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="name"
            label="姓名"
            required
            rules={[zodRule(shape.name, { required: true, emptyMessage: '请填写姓名' })]}
          >
            <Input maxLength={40} data-testid="seeker-name" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name="residentId"
            label="身份证号码"
            required
            rules={[{ required: true, message: '请填写身份证号码' }]}
          >
            <Input maxLength={18} autoComplete="off" data-testid="seeker-resident-id" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="phone" label="手机号码">
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="situation" label="人员类别" required>
            <Select
              options={seekerSituations.map((s) => ({ value: s, label: seekerSituationLabels[s] }))}
              data-testid="seeker-situation"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="wishedCategories" label="求职意向">
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              maxCount={5}
              options={jobCategories.map((c) => ({ value: c, label: jobCategoryLabels[c] }))}
              data-testid="seeker-wishes"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="skills" label="技能" extra="输入后按回车，可填多项">
            <Select
              mode="tags"
              maxCount={10}
              tokenSeparators={[',', '，', '、']}
              data-testid="seeker-skills"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="wishedPayMinYuan" label="期望月薪（元）">
            <InputNumber
              min={0}
              max={100000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="seeker-pay"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="wishes" label="其他意向" rules={[zodRule(shape.wishes)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="orgUnitId"
            label="登记单位"
            required
            rules={[{ required: true, message: '请选择登记单位' }]}
          >
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              testId="seeker-org"
              placeholder="输入工会名称搜索"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="registeredOn"
            label="登记日期"
            required
            rules={[{ required: true, message: '请选择登记日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={isAfterToday}
              data-testid="seeker-registered-on"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="registeredVia" label="登记渠道" required>
            <Radio.Group
              options={seekerChannels.map((c) => ({ value: c, label: seekerChannelLabels[c] }))}
              data-testid="seeker-via"
            />
          </Form.Item>
        </Col>
        {via === 'fair' ? (
          <Col span={12}>
            <Form.Item
              name="fairId"
              label="招聘会"
              required
              rules={[{ required: true, message: '招聘会现场登记请选择招聘会' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(fairs.data?.items ?? []).map((f) => ({
                  value: f.id,
                  label: `${f.heldOn} ${f.title}`,
                }))}
                data-testid="seeker-fair"
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </FormModal>
  );
}
