import { Alert } from 'antd';
import { useMeta } from '../modules/auth/api/auth.ts';

export const demoBannerText = '演示数据：本系统当前载入的是演示城市数据，人员与企业均为虚构';

/** Shown on every page while the server runs on demo data. */
export function DemoBanner({ extra }: { extra?: string }) {
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return (
    <Alert
      data-testid="demo-banner"
      type="warning"
      banner
      showIcon
      title={demoBannerText}
      description={extra}
    />
  );
}
