import { useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import {
  BranchesOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { OrgUnit } from '@gonghui/contracts';
import { formatDate } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { CreateOrgModal } from './CreateOrgModal.tsx';
import { CloseOrgModal, MoveOrgModal, RenameOrgModal } from './ChangeOrgModals.tsx';
import { MergeOrgModal } from './MergeOrgModal.tsx';

type ActionKey = 'create' | 'rename' | 'move' | 'merge' | 'close';

interface OrgActionsProps {
  unit: OrgUnit;
  ancestors: OrgUnit[];
  asOf: string;
  /** Called after a change with the unit to show and the date the change took effect. */
  onChanged(unit: OrgUnit, date: string, message: string): void;
}

/** The buttons that change the tree, for users who may write to it. */
export function OrgActions({ unit, ancestors, asOf, onChanged }: OrgActionsProps) {
  const me = useSession();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const parent = ancestors.length > 0 ? ancestors[ancestors.length - 1] : null;
  const isAnchor = unit.id === me.user.orgUnit.id;
  const closed = unit.closedOn !== null;
  const closedHint = closed ? `该组织已于 ${formatDate(unit.closedOn)} 撤销，不能再调整` : undefined;
  const anchorHint = closedHint ?? (isAnchor ? '这是您账号所在的组织，只能由上级工会调整' : undefined);
  const locked = isAnchor || closed;
  const close = () => setOpen(null);
  const done = (text: string) => (result: OrgUnit, date: string) => {
    setOpen(null);
    onChanged(result, date, text);
  };

  return (
    <>
      <Space wrap data-testid="org-actions">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen('create')}
          disabled={unit.level === 'enterprise' || closed}
          data-testid="org-action-create"
        >
          新建下级组织
        </Button>
        <Tooltip title={anchorHint}>
          <Button
            icon={<EditOutlined />}
            onClick={() => setOpen('rename')}
            disabled={locked}
            data-testid="org-action-rename"
          >
            更名
          </Button>
        </Tooltip>
        <Tooltip title={anchorHint}>
          <Button
            icon={<BranchesOutlined />}
            onClick={() => setOpen('move')}
            disabled={locked}
            data-testid="org-action-move"
          >
            调整隶属
          </Button>
        </Tooltip>
        <Tooltip title={anchorHint}>
          <Button
            icon={<MergeCellsOutlined />}
            onClick={() => setOpen('merge')}
            disabled={locked}
            data-testid="org-action-merge"
          >
            合并
          </Button>
        </Tooltip>
        <Tooltip
          title={
            anchorHint ?? (unit.childCount > 0 ? '还有下级组织，请先调整它们的隶属或合并后再撤销' : undefined)
          }
        >
          <Button
            danger
            icon={<StopOutlined />}
            onClick={() => setOpen('close')}
            disabled={locked || unit.childCount > 0}
            data-testid="org-action-close"
          >
            撤销
          </Button>
        </Tooltip>
      </Space>
      {open === 'create' ? (
        <CreateOrgModal
          parent={unit}
          open
          onClose={close}
          onCreated={(created) => done(`已新建 ${created.name}`)(created, created.validFrom)}
        />
      ) : null}
      {open === 'rename' ? (
        <RenameOrgModal
          unit={unit}
          parent={parent}
          asOf={asOf}
          open
          onClose={close}
          onDone={(result, date) => done(`已更名为 ${result.name}`)(result, date)}
        />
      ) : null}
      {open === 'move' ? (
        <MoveOrgModal
          unit={unit}
          parent={parent}
          asOf={asOf}
          open
          onClose={close}
          onDone={done(`已调整 ${unit.name} 的隶属关系`)}
        />
      ) : null}
      {open === 'merge' ? (
        <MergeOrgModal
          unit={unit}
          parent={parent}
          asOf={asOf}
          open
          onClose={close}
          onDone={(target, date) => done(`合并完成，已并入 ${target.name}`)(target, date)}
        />
      ) : null}
      {open === 'close' ? (
        <CloseOrgModal
          unit={unit}
          parent={parent}
          asOf={asOf}
          open
          onClose={close}
          onDone={(_result, date) => done(`已撤销 ${unit.name}`)(parent ?? unit, date)}
        />
      ) : null}
    </>
  );
}
