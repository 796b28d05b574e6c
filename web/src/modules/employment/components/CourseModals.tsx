import { useState } from 'react';
import { Checkbox, Form, Image, InputNumber, Modal, Select, Typography } from 'antd';
import {
  certificateLevelLabels,
  certificateLevels,
  type Certificate,
  type CertificateLevel,
  type CourseDetail,
  type Enrolment,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { todayIso } from '../../../shared/format.ts';
import { useDebounced } from '../../../shared/useDebounced.ts';
import { useEnrol, useIssueCertificate, useMarkAttendance, useSeekerList } from '../api/employment.ts';

/** 报名: a seeker of the user's territory, found by name; past the seats the answer is the waiting list. */
export function EnrolModal({
  course,
  onClose,
  onDone,
}: {
  course: CourseDetail;
  onClose(): void;
  onDone(status: string): void;
}) {
  const [form] = Form.useForm<{ seekerId: number }>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useSeekerList({ q, sort: 'registeredOn', order: 'desc', page: 1, pageSize: 20 });
  const enrol = useEnrol(course.id);
  const taken = new Set(course.enrolments.filter((e) => e.status !== 'withdrawn').map((e) => e.seekerId));
  return (
    <FormModal
      title={`报名：${course.title}`}
      open
      form={form}
      testId="enrol-form"
      okText="报名"
      fields={['seekerId']}
      onCancel={onClose}
      onSubmit={async (v) => {
        const r = await enrol.mutateAsync(v.seekerId);
        onDone(
          r.enrolment.status === 'waiting'
            ? `名额已满，已列入候补第 ${r.enrolment.waitingRank} 位`
            : '报名成功',
        );
      }}
    >
      <Form.Item
        name="seekerId"
        label="求职人员"
        required
        rules={[{ required: true, message: '请选择求职人员' }]}
      >
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder="输入姓名搜索"
          loading={found.isFetching}
          data-testid="enrol-seeker"
          options={(found.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.name}（${s.residentIdMasked}）`,
            disabled: taken.has(s.id),
          }))}
        />
      </Form.Item>
      <Typography.Text type="secondary">
        名额 {course.capacity}，已报名 {course.enrolled}，候补 {course.waiting}
      </Typography.Text>
    </FormModal>
  );
}

/** 登记出勤 for one session: the enrolled ticked are present, the others absent. */
export function AttendanceModal({ course, onClose }: { course: CourseDetail; onClose(): void }) {
  const enrolled = course.enrolments.filter((e) => e.status === 'enrolled');
  const next =
    Array.from({ length: course.sessions }, (_v, i) => i + 1).find(
      (n) => !course.sessionsMarked.includes(n),
    ) ?? 1;
  const [form] = Form.useForm<{ session: number; present: number[] }>();
  const mark = useMarkAttendance(course.id);
  return (
    <FormModal
      title="登记出勤"
      open
      form={form}
      testId="attendance-form"
      okText="登记"
      fields={['session', 'present']}
      initialValues={{ session: next, present: enrolled.map((e) => e.id) }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await mark.mutateAsync({ session: v.session, presentEnrolmentIds: v.present });
        onClose();
      }}
    >
      <Form.Item name="session" label={`课次（共 ${course.sessions} 课次）`} required>
        <InputNumber min={1} max={course.sessions} precision={0} data-testid="attendance-session" />
      </Form.Item>
      <Form.Item name="present" label="出勤学员">
        <Checkbox.Group options={enrolled.map((e) => ({ value: e.id, label: e.seekerName }))} />
      </Form.Item>
    </FormModal>
  );
}

/** 颁发证书, then shows the code and the QR code to print on it. */
export function CertificateModal({
  course,
  enrolment,
  onClose,
}: {
  course: CourseDetail;
  enrolment: Enrolment;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ level: CertificateLevel }>();
  const issue = useIssueCertificate(course.id);
  const [issued, setIssued] = useState<Certificate | null>(null);
  if (issued) {
    return (
      <Modal
        open
        title="证书已颁发"
        onCancel={onClose}
        onOk={onClose}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="关闭"
      >
        <div data-testid="certificate-issued">
          <Typography.Paragraph>
            验证码：
            <Typography.Text strong data-testid="certificate-code">
              {issued.code}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: issued.verifyUrl }}>
            验证地址：<span data-testid="certificate-url">{issued.verifyUrl}</span>
          </Typography.Paragraph>
          <Image src={issued.qrDataUrl} width={180} preview={false} alt="证书验证二维码" />
        </div>
      </Modal>
    );
  }
  return (
    <FormModal
      title={`颁发证书：${enrolment.seekerName}`}
      open
      form={form}
      testId="certificate-form"
      okText="颁发"
      fields={['level']}
      initialValues={{ level: 'completion' }}
      onCancel={onClose}
      onSubmit={async (v) =>
        setIssued(
          await issue.mutateAsync({ enrolmentId: enrolment.id, level: v.level, issuedOn: todayIso() }),
        )
      }
    >
      <Typography.Paragraph>
        出勤 {enrolment.attended}/{course.sessions} 课次；本班发证要求 {course.attendanceThresholdPct}%。
      </Typography.Paragraph>
      <Form.Item name="level" label="证书等级" required>
        <Select
          options={certificateLevels.map((l) => ({ value: l, label: certificateLevelLabels[l] }))}
          data-testid="certificate-level"
        />
      </Form.Item>
    </FormModal>
  );
}
