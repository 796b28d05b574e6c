import { useParams } from 'react-router';
import { Alert, Card, Descriptions, Spin } from 'antd';
import { genderLabels, modelWorkerLevelLabels, modelWorkerStatusLabels } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useCan } from '../../auth/session.tsx';
import { useWorker } from '../api/modelWorkers.ts';
import { RevealButton } from '../components/RevealButton.tsx';

/** One model worker: the honour, the situation, the bank account (masked until revealed with a reason). */
export function ModelWorkerPage() {
  const id = Number(useParams().id);
  const worker = useWorker(id);
  const canReveal = useCan('model_worker:reveal');
  if (worker.error)
    return (
      <Alert type="error" showIcon message="劳动模范载入失败" description={errorMessage(worker.error)} />
    );
  const w = worker.data;
  if (!w) return <Spin />;
  return (
    <Card title={w.name} data-testid="worker-page">
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="性别">{genderLabels[w.gender]}</Descriptions.Item>
        <Descriptions.Item label="出生日期">{formatDate(w.birthDate)}</Descriptions.Item>
        <Descriptions.Item label="身份证号码">
          {w.residentIdMasked}{' '}
          {canReveal ? <RevealButton id={w.id} field="residentId" label="身份证号码" /> : null}
        </Descriptions.Item>
        <Descriptions.Item label="所属工会">{w.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="荣誉">
          {modelWorkerLevelLabels[w.level]} · {w.title}（{w.awardedYear} 年）
          {w.equivalent ? ' · 享受同等待遇' : ''}
        </Descriptions.Item>
        <Descriptions.Item label="工作单位">{w.employerName ?? w.workUnit ?? ''}</Descriptions.Item>
        <Descriptions.Item label="在职状态">{modelWorkerStatusLabels[w.status]}</Descriptions.Item>
        <Descriptions.Item label="生活困难">
          {w.hardship ? `是：${w.hardshipEvidence ?? ''}` : '否'}
        </Descriptions.Item>
        <Descriptions.Item label="开户银行">{w.bankName ?? '未登记'}</Descriptions.Item>
        <Descriptions.Item label="银行账号">
          {w.bankAccountMasked ?? '未登记'}{' '}
          {canReveal && w.bankAccountMasked ? (
            <RevealButton id={w.id} field="bankAccount" label="银行账号" />
          ) : null}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
