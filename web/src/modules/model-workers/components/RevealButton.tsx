import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal } from 'antd';
import { errorMessage } from '../../../api/client.ts';
import { revealWorker } from '../api/modelWorkers.ts';

/** 查看: shows a sealed field in clear once a reason is given; the reason goes to the audit log. */
export function RevealButton({
  id,
  field,
  label,
}: {
  id: number;
  field: 'residentId' | 'bankAccount';
  label: string;
}) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  if (value !== null) return <span data-testid={`reveal-${field}-value`}>{value || '（未登记）'}</span>;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
        查看
      </Button>
      <Modal
        title={`查看${label}`}
        open={open}
        okText="查看"
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            const r = await revealWorker(id, field, reason.trim());
            setValue(r.value ?? '');
            setOpen(false);
          } catch (error) {
            void message.error(errorMessage(error));
          }
        }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="查看原因（记入审计日志）" required>
            <Input
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              data-testid="reveal-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
