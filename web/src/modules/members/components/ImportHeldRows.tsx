import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { transferStatusLabels, type HeldImportRow, type MemberImport } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount } from '../../../shared/format.ts';
import { testId } from './testId.ts';
import {
  useConfirmNameChanges,
  useHeldImportRows,
  useImportTransfers,
  useUndoImport,
} from '../api/members.ts';

/** Rows whose known ID carries another name: the uploader picks the ones that are right. */
function NameChanges({ imp, rows }: { imp: MemberImport; rows: HeldImportRow[] }) {
  const { message } = AntApp.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const confirm = useConfirmNameChanges();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-name-changes">
      <Alert
        type="warning"
        showIcon
        title={`${formatCount(rows.length)} 行「姓名变更」：身份证号码已登记，但名册中的姓名不同，常见原因是号码填错。这些行尚未导入，请核对后勾选确认；未勾选的行不导入。`}
      />
      <Table<HeldImportRow>
        size="small"
        rowKey="rowNo"
        pagination={{ pageSize: 20 }}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          { title: '行号', dataIndex: 'rowNo', width: 70 },
          { title: '会员编号', dataIndex: 'registryNo', width: 120 },
          { title: '登记的姓名', dataIndex: 'currentName' },
          { title: '名册中的姓名', dataIndex: 'name' },
          { title: '身份证号码', dataIndex: 'residentIdMasked' },
        ]}
      />
      <Button
        type="primary"
        loading={confirm.isPending}
        data-testid="import-confirm-names"
        onClick={() =>
          confirm.mutateAsync({ id: imp.id, rowNos: selected }).then(
            (r) =>
              void message.success(
                `已按名册修改 ${formatCount(r.applied)} 人，${formatCount(r.dropped)} 行未导入`,
              ),
            (e: unknown) => void message.error(errorMessage(e)),
          )
        }
      >
        确认勾选的 {selected.length} 行（其余不导入）
      </Button>
    </Space>
  );
}

/** People who are members of other unions: listed, with one action asking for all their transfers. */
function HeldElsewhere({ imp, rows }: { imp: MemberImport; rows: HeldImportRow[] }) {
  const { message } = AntApp.useApp();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const start = useImportTransfers();
  const open = rows.filter((r) => r.transferId === null).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-held-elsewhere">
      <Alert
        type="info"
        showIcon
        title={`${formatCount(rows.length)} 行的人员已是其他工会的会员，未导入，也未改动其登记信息。如需转入本会，请申请会员关系接转，由会员现在所在的工会处理。`}
      />
      <Table<HeldImportRow>
        size="small"
        rowKey="rowNo"
        pagination={{ pageSize: 20 }}
        dataSource={rows}
        columns={[
          { title: '行号', dataIndex: 'rowNo', width: 70 },
          { title: '姓名', dataIndex: 'name', width: 140 },
          { title: '身份证号码', dataIndex: 'residentIdMasked', width: 190 },
          { title: '说明', dataIndex: 'message' },
          {
            title: '接转',
            key: 'transfer',
            width: 100,
            render: (_v, r) =>
              r.transferStatus ? <Tag>{transferStatusLabels[r.transferStatus]}</Tag> : '未申请',
          },
        ]}
      />
      {open > 0 ? (
        <Button type="primary" onClick={() => setAsking(true)} data-testid="import-start-transfers">
          为这 {open} 人申请会员关系接转
        </Button>
      ) : null}
      <Modal
        open={asking}
        title="申请会员关系接转"
        okText="提交申请"
        cancelText="取消"
        okButtonProps={{ loading: start.isPending, ...testId('import-transfers-ok') }}
        onCancel={() => setAsking(false)}
        onOk={() =>
          start.mutateAsync({ id: imp.id, reason }).then(
            (r) => {
              setAsking(false);
              void message.success(
                `已发起 ${formatCount(r.started)} 条接转申请${r.failed.length ? `，${r.failed.length} 行未发起：${r.failed.map((f) => `第 ${f.rowNo} 行${f.message}`).join('；')}` : ''}`,
              );
            },
            (e: unknown) => void message.error(errorMessage(e)),
          )
        }
      >
        <Typography.Paragraph type="secondary">
          每人转入名册中该行的工会；由会员现在所在的工会同意或退回。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="接转原因，如：已在本村企业就业"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="import-transfers-reason"
        />
      </Modal>
    </Space>
  );
}

/** What a finished import left apart, on its result page. */
export function ImportHeldRows({ imp }: { imp: MemberImport }) {
  const some = (imp.summary?.heldElsewhere ?? 0) + (imp.summary?.nameChanges ?? 0) > 0;
  const held = useHeldImportRows(imp.id, imp.status === 'done' && some);
  if (!held.data || held.data.length === 0) return null;
  const names = held.data.filter((r) => r.kind === 'name');
  const elsewhere = held.data.filter((r) => r.kind === 'elsewhere');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {names.length > 0 ? <NameChanges imp={imp} rows={names} /> : null}
      {elsewhere.length > 0 ? <HeldElsewhere imp={imp} rows={elsewhere} /> : null}
    </Space>
  );
}

/** Undoes a finished import as a whole; the server refuses, naming the members, when any changed since. */
export function UndoImportButton({ imp }: { imp: MemberImport }) {
  const { message } = AntApp.useApp();
  const undo = useUndoImport();
  return (
    <Popconfirm
      title="撤销整个导入？"
      description="本次新增的会员将删除，修改过的会员恢复导入前的内容。导入后又有变动的会员会使撤销被拒绝。"
      okText="撤销导入"
      cancelText="不撤销"
      okButtonProps={{ danger: true, loading: undo.isPending, ...testId('import-undo-ok') }}
      onConfirm={() =>
        undo.mutateAsync(imp.id).then(
          (r) =>
            void message.success(
              `已撤销：删除新增的 ${formatCount(r.removed)} 人，恢复 ${formatCount(r.restored)} 人`,
            ),
          (e: unknown) => void message.error(errorMessage(e)),
        )
      }
    >
      <Button danger data-testid="import-undo">
        撤销本次导入
      </Button>
    </Popconfirm>
  );
}
