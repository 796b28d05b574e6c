import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import {
  createCourseBody,
  programmeLabels,
  programmes,
  type CourseDetail,
  type Programme,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isoDateItemProps } from '../../../shared/dateField.ts';
import { zodRule } from '../../../shared/forms.ts';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateCourse } from '../api/employment.ts';
import { toFen } from './format.ts';

interface Values {
  title: string;
  programme: Programme;
  free: boolean;
  feeYuan?: number | null;
  startsOn: string;
  endsOn: string;
  sessions: number;
  capacity: number;
  attendanceThresholdPct: number;
  venue: string;
  orgUnitId: number | null;
}

const fields = [
  'title',
  'programme',
  'free',
  'feeYuan',
  'startsOn',
  'endsOn',
  'sessions',
  'capacity',
  'attendanceThresholdPct',
  'venue',
  'orgUnitId',
];
const shape = createCourseBody.shape;

/** 登记培训班: programme, dates, sessions, seats and the attendance a certificate needs. */
export function CreateCourseModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(c: CourseDetail): void;
}) {
  const [form] = Form.useForm<Values>();
  const me = useSession();
  const create = useCreateCourse();
  const free = Form.useWatch('free', form) ?? true;
  return (
    <FormModal<Values>
      title="登记培训班"
      open
      form={form}
      testId="course-form"
      okText="登记"
      width={760}
      fields={fields}
      aliases={{ feeFen: 'feeYuan' }}
      initialValues={{
        programme: 'domestic',
        free: true,
        sessions: 10,
        capacity: 30,
        attendanceThresholdPct: 80,
        orgUnitId: me.user.orgUnit.id,
      }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (v.orgUnitId === null) return;
        onCreated(
          await create.mutateAsync({
            title: v.title.trim(),
            programme: v.programme,
            free: v.free,
            feeFen: v.free ? null : toFen(v.feeYuan),
            startsOn: v.startsOn,
            endsOn: v.endsOn,
            sessions: v.sessions,
            capacity: v.capacity,
            attendanceThresholdPct: v.attendanceThresholdPct,
            venue: v.venue.trim(),
            orgUnitId: v.orgUnitId,
          }),
        );
      }}
    >
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item
            name="title"
            label="培训班名称"
            required
            rules={[zodRule(shape.title, { required: true, emptyMessage: '请填写培训班名称' })]}
          >
            <Input maxLength={100} data-testid="course-title" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="programme" label="培训项目" required>
            <Select
              options={programmes.map((p) => ({ value: p, label: programmeLabels[p] }))}
              data-testid="course-programme"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="free" label="收费" required>
            <Radio.Group
              options={[
                { value: true, label: '免费' },
                { value: false, label: '收费' },
              ]}
            />
          </Form.Item>
        </Col>
        {free ? null : (
          <Col span={8}>
            <Form.Item
              name="feeYuan"
              label="培训费（元）"
              required
              rules={[{ required: true, message: '收费培训班请填写培训费' }]}
            >
              <InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        <Col span={8}>
          <Form.Item
            name="startsOn"
            label="开班日期"
            required
            rules={[{ required: true, message: '请选择开班日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="course-starts-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="endsOn"
            label="结业日期"
            required
            rules={[{ required: true, message: '请选择结业日期' }]}
            {...isoDateItemProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="course-ends-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="sessions" label="课时数" required>
            <InputNumber
              min={1}
              max={200}
              precision={0}
              style={{ width: '100%' }}
              data-testid="course-sessions"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="capacity" label="名额" required>
            <InputNumber
              min={1}
              max={1000}
              precision={0}
              style={{ width: '100%' }}
              data-testid="course-capacity"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="attendanceThresholdPct" label="发证出勤率（%）" required>
            <InputNumber
              min={1}
              max={100}
              precision={0}
              style={{ width: '100%' }}
              data-testid="course-threshold"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="venue"
            label="培训地点"
            required
            rules={[zodRule(shape.venue, { required: true, emptyMessage: '请填写培训地点' })]}
          >
            <Input maxLength={100} data-testid="course-venue" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="orgUnitId"
            label="举办单位"
            required
            rules={[{ required: true, message: '请选择举办单位' }]}
          >
            <OrgPicker
              asOf={todayIso()}
              known={[me.user.orgUnit]}
              testId="course-org"
              placeholder="输入工会名称搜索"
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
