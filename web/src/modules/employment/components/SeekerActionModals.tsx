import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import {
  placementSourceLabels,
  placementSources,
  type PlacementSource,
  type Recommendation,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { isAfterToday, isoDateItemProps } from '../../../shared/dateField.ts';
import { todayIso } from '../../../shared/format.ts';
import { useEndPlacement, useFollowUp, usePlace, useSetSeekerStatus } from '../api/employment.ts';

/** 登记就业 from one recommendation: the date and where the placement came from. */
export function PlaceModal({
  seekerId,
  recommendation,
  onClose,
}: {
  seekerId: number;
  recommendation: Recommendation;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ placedOn: string; source: PlacementSource }>();
  const place = usePlace(seekerId);
  return (
    <FormModal
      title={`登记就业：${recommendation.employerName} ${recommendation.positionTitle}`}
      open
      form={form}
      testId="place-form"
      okText="登记就业"
      fields={['placedOn', 'source']}
      initialValues={{ placedOn: todayIso(), source: 'fair' }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await place.mutateAsync({
          recommendationId: recommendation.id,
          placedOn: v.placedOn,
          source: v.source,
        });
        onClose();
      }}
    >
      <Form.Item
        name="placedOn"
        label="就业日期"
        required
        rules={[{ required: true, message: '请选择就业日期' }]}
        {...isoDateItemProps}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} data-testid="place-on" />
      </Form.Item>
      <Form.Item name="source" label="就业来源" required>
        <Radio.Group options={placementSources.map((s) => ({ value: s, label: placementSourceLabels[s] }))} />
      </Form.Item>
    </FormModal>
  );
}

/** 登记离职: ends the live placement with its date and reason. */
export function EndPlacementModal({ seekerId, onClose }: { seekerId: number; onClose(): void }) {
  const [form] = Form.useForm<{ endedOn: string; reason: string }>();
  const end = useEndPlacement(seekerId);
  return (
    <FormModal
      title="登记离职"
      open
      form={form}
      testId="end-placement-form"
      okText="登记离职"
      fields={['endedOn', 'reason']}
      initialValues={{ endedOn: todayIso() }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await end.mutateAsync({ endedOn: v.endedOn, reason: v.reason.trim() });
        onClose();
      }}
    >
      <Form.Item
        name="endedOn"
        label="离职日期"
        required
        rules={[{ required: true, message: '请选择离职日期' }]}
        {...isoDateItemProps}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
      </Form.Item>
      <Form.Item
        name="reason"
        label="离职原因"
        required
        rules={[{ required: true, min: 2, message: '请填写离职原因（至少 2 个字）' }]}
      >
        <Input maxLength={200} data-testid="end-placement-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 退出 / 恢复登记, with the reason kept in the status history. */
export function StatusModal({
  seekerId,
  to,
  onClose,
}: {
  seekerId: number;
  to: 'withdrawn' | 'registered';
  onClose(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const set = useSetSeekerStatus(seekerId);
  return (
    <FormModal
      title={to === 'withdrawn' ? '退出求职登记' : '恢复求职登记'}
      open
      form={form}
      testId="seeker-status-form"
      okText="确定"
      fields={['reason']}
      onCancel={onClose}
      onSubmit={async (v) => {
        await set.mutateAsync({ status: to, reason: v.reason.trim() });
        onClose();
      }}
    >
      <Form.Item
        name="reason"
        label="原因"
        required
        rules={[{ required: true, min: 2, message: '请填写原因（至少 2 个字）' }]}
      >
        <Input maxLength={200} data-testid="seeker-status-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 就业回访: still employed three months on? If not, why (the placement then ends on that day). */
export function FollowUpModal({
  seekerId,
  placedOn,
  onClose,
}: {
  seekerId: number;
  placedOn: string;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ followedUpOn: string; stillEmployed: boolean; note?: string }>();
  const record = useFollowUp(seekerId);
  const still = Form.useWatch('stillEmployed', form) ?? true;
  return (
    <FormModal
      title="就业回访"
      open
      form={form}
      testId="follow-up-form"
      okText="登记回访"
      fields={['followedUpOn', 'stillEmployed', 'note']}
      initialValues={{ followedUpOn: todayIso(), stillEmployed: true }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await record.mutateAsync({
          followedUpOn: v.followedUpOn,
          stillEmployed: v.stillEmployed,
          note: v.note?.trim() || null,
        });
        onClose();
      }}
    >
      <Form.Item
        name="followedUpOn"
        label="回访日期"
        required
        rules={[{ required: true, message: '请选择回访日期' }]}
        {...isoDateItemProps}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => isAfterToday(d) || d.isBefore(dayjs(placedOn), 'day')}
        />
      </Form.Item>
      <Form.Item name="stillEmployed" label="是否仍在岗" required>
        <Radio.Group
          options={[
            { value: true, label: '仍在岗' },
            { value: false, label: '已不在岗' },
          ]}
          data-testid="follow-up-still"
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={still ? '回访情况' : '未在岗的原因'}
        rules={still ? [] : [{ required: true, message: '请填写未在岗的原因' }]}
      >
        <Input maxLength={200} data-testid="follow-up-note" />
      </Form.Item>
    </FormModal>
  );
}
