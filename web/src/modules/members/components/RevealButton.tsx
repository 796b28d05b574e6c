import { useState } from 'react';
import { App as AntApp, Button, Input, Modal, Typography } from 'antd';
import type { RevealField } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { testId } from './testId.ts';
import { useCan } from '../../auth/session.tsx';
import { revealMember } from '../api/members.ts';

const fieldLabels: Record<RevealField, string> = { residentId: '身份证号码', phone: '手机号码' };

/** A masked value with a 查看 button: the clear value needs a reason, and the server keeps a record of it. */
export function RevealButton({
  memberId,
  field,
  masked,
}: {
  memberId: number;
  field: RevealField;
  masked: string | null;
}) {
  const allowed = useCan('member:reveal');
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return <span>—</span>;
  const submit = async () => {
    if (reason.trim().length < 2) {
      void message.warning('请填写查看原因（至少 2 个字）');
      return;
    }
    setBusy(true);
    try {
      const r = await revealMember(memberId, field, reason.trim());
      setClear(r.value);
      setOpen(false);
      setReason('');
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text code data-testid={`reveal-value-${field}`}>
        {clear ?? masked}
      </Typography.Text>
      {allowed && clear === null ? (
        <Button type="link" size="small" onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
          查看
        </Button>
      ) : null}
      <Modal
        title={`查看完整${fieldLabels[field]}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText="查看"
        okButtonProps={{ loading: busy, ...testId('reveal-ok') }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          查看个人信息须说明原因，系统将记录查看人、时间和原因。
        </Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          rows={3}
          placeholder="如：为会员办理互助保险核对身份"
          data-testid="reveal-reason"
        />
      </Modal>
    </span>
  );
}
