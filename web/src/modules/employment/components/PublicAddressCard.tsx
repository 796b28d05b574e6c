import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Space } from 'antd';
import { errorMessage } from '../../../api/client.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { useEmploymentSettings, useSaveEmploymentSettings } from '../api/employment.ts';

/**
 * The public address certificates' QR codes link to. Only the city federation (a unit with no parent)
 * sets it; everyone sees whether it is set, since no certificate can be issued before.
 */
export function PublicAddressCard() {
  const me = useSession();
  const canWrite = useCan('employment:write');
  const settings = useEmploymentSettings();
  const save = useSaveEmploymentSettings();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<string | null>(null);
  const isCity = /^\/\d+\/$/.test(me.user.orgUnit.path);
  const value = settings.data?.publicBaseUrl ?? '';
  if (!settings.data) return null;
  if (!isCity || !canWrite) {
    return value ? null : (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="市总工会尚未填写证书二维码的对外访问地址，暂不能颁发培训证书"
      />
    );
  }
  return (
    <Alert
      type={value ? 'info' : 'warning'}
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>证书二维码链接的对外访问地址：</span>
          <Input
            style={{ width: 320 }}
            value={draft ?? value}
            placeholder="例如 https://gonghui.example.cn"
            onChange={(e) => setDraft(e.target.value)}
            data-testid="public-address"
          />
          <Button
            disabled={draft === null || draft === value}
            loading={save.isPending}
            data-testid="public-address-save"
            onClick={async () => {
              try {
                await save.mutateAsync({ publicBaseUrl: (draft ?? '').trim() });
                setDraft(null);
                void message.success('已保存对外访问地址');
              } catch (error) {
                void message.error(errorMessage(error));
              }
            }}
          >
            保存
          </Button>
        </Space>
      }
    />
  );
}
