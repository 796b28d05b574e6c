import { useState } from 'react';
import { App as AntApp, Button, Descriptions, Input, Modal, Typography } from 'antd';
import type { RevealedCase } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { useCan } from '../../auth/session.tsx';
import { revealCase } from '../api/cases.ts';

/** The worker's ID, phone and the narrative, shown once a reason is given; the server records the reading. */
export function CaseReveal({ caseId, masked }: { caseId: number; masked: string }) {
  const allowed = useCan('assistance:reveal');
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<RevealedCase | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim().length < 2) {
      void message.warning('请填写查看原因（至少 2 个字）');
      return;
    }
    setBusy(true);
    try {
      setShown(await revealCase(caseId, reason.trim()));
      setOpen(false);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Descriptions column={1} size="small" data-testid="case-personal">
        <Descriptions.Item label="身份证号">
          <Typography.Text code>{shown?.residentId ?? masked}</Typography.Text>
          {allowed && !shown ? (
            <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="case-reveal">
              查看个人信息与情况描述
            </Button>
          ) : null}
        </Descriptions.Item>
        {shown ? (
          <>
            <Descriptions.Item label="联系电话">{shown.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="情况描述">
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                data-testid="case-narrative"
              >
                {shown.narrative}
              </Typography.Paragraph>
            </Descriptions.Item>
          </>
        ) : null}
      </Descriptions>
      <Modal
        title="查看个人信息"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText="查看"
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          查看职工身份证号、电话和情况描述须说明原因，系统将记录查看人、时间和原因。
        </Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          rows={3}
          placeholder="如：联系职工核实情况"
          data-testid="case-reveal-reason"
        />
      </Modal>
    </>
  );
}
