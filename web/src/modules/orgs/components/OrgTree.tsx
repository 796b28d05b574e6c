import { useEffect, useMemo, useRef } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Empty, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import type { OrgUnit } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { childrenQuery, rootsQuery } from '../api/orgs.ts';

interface OrgTreeProps {
  asOf: string;
  selectedId: number | null;
  expandedIds: number[];
  onExpandedIdsChange(ids: number[]): void;
  onSelect(unit: OrgUnit): void;
}

interface OrgTreeNode extends TreeDataNode {
  unit: OrgUnit;
  children?: OrgTreeNode[];
}

function NodeTitle({ unit }: { unit: OrgUnit }) {
  return (
    <span data-org-id={unit.id} data-testid="org-tree-node">
      <span className="org-node-name">{unit.name}</span>
      {unit.childCount > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {formatCount(unit.childCount)}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/**
 * The union tree as it stood on the as-of date: the user's own unit at the top, each level loaded
 * when it is opened. Every opened level stays subscribed, so a write elsewhere refreshes it.
 */
export function OrgTree({ asOf, selectedId, expandedIds, onExpandedIdsChange, onSelect }: OrgTreeProps) {
  const queryClient = useQueryClient();
  const roots = useQuery(rootsQuery(asOf));
  const scrollRef = useRef<HTMLDivElement>(null);

  const childResults = useQueries({
    queries: expandedIds.map((id) => childrenQuery(id, asOf)),
  });

  const childrenById = useMemo(() => {
    const map = new Map<number, OrgUnit[]>();
    expandedIds.forEach((id, index) => {
      const data = childResults[index]?.data;
      if (data) map.set(id, data);
    });
    return map;
  }, [expandedIds, childResults]);

  const treeData = useMemo(() => {
    const build = (unit: OrgUnit, seen: Set<number>): OrgTreeNode => {
      const children = childrenById.get(unit.id);
      const nextSeen = new Set(seen).add(unit.id);
      return {
        key: String(unit.id),
        title: <NodeTitle unit={unit} />,
        unit,
        isLeaf: unit.childCount === 0,
        children: children?.filter((child) => !nextSeen.has(child.id)).map((child) => build(child, nextSeen)),
      };
    };
    return (roots.data ?? []).map((unit) => build(unit, new Set()));
  }, [roots.data, childrenById]);

  useEffect(() => {
    if (selectedId === null) return;
    const element = scrollRef.current?.querySelector(`[data-org-id="${selectedId}"]`);
    element?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, treeData]);

  if (roots.isPending) {
    return (
      <div style={{ padding: 32, textAlign: 'center' }}>
        <Spin description="正在载入组织架构…" />
      </div>
    );
  }
  if (roots.isError) {
    return <Alert type="error" showIcon title="组织架构载入失败" description={errorMessage(roots.error)} />;
  }
  if (roots.data.length === 0) {
    return (
      <Empty
        data-testid="org-tree-empty"
        description={`${formatDate(asOf)} 时您所在的组织尚未成立或已撤销，请选择其他日期`}
      />
    );
  }

  return (
    <div
      ref={scrollRef}
      className="org-tree-scroll"
      data-testid="org-tree"
      style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 320 }}
    >
      <Tree<OrgTreeNode>
        blockNode
        showLine={{ showLeafIcon: false }}
        treeData={treeData}
        expandedKeys={expandedIds.map(String)}
        selectedKeys={selectedId === null ? [] : [String(selectedId)]}
        onExpand={(keys) => onExpandedIdsChange(keys.map(Number))}
        loadData={async (node) => {
          await queryClient.fetchQuery(childrenQuery(node.unit.id, asOf));
        }}
        onSelect={(_keys, info) => onSelect(info.node.unit)}
      />
    </div>
  );
}
