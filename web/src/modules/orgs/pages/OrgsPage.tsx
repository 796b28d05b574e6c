import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Row, Space } from 'antd';
import type { OrgSearchHit, OrgUnit } from '@gonghui/contracts';
import { apiGet } from '../../../api/client.ts';
import { useAsOf } from '../../../layout/asOf.ts';
import { formatDate, formatDateLong, todayIso } from '../../../shared/format.ts';
import { useUrlParams } from '../../../shared/useUrlParams.ts';
import { useCan } from '../../auth/session.tsx';
import { NotFoundResult, isNotFound } from '../../../platform/NotFoundResult.tsx';
import { orgKeys, rootsQuery, useOrgHistory } from '../api/orgs.ts';
import { OrgActions } from '../components/OrgActions.tsx';
import { OrgDetailCard } from '../components/OrgDetailCard.tsx';
import { OrgHistoryTimeline } from '../components/OrgHistoryTimeline.tsx';
import { OrgSearchBox } from '../components/OrgSearchBox.tsx';
import { OrgTree } from '../components/OrgTree.tsx';

function parseId(value: string | null): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2147483647 ? id : null;
}

function union(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])];
}

export function OrgsPage() {
  const { asOf, isToday, setAsOf } = useAsOf();
  const [params, updateParams] = useUrlParams();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const canWrite = useCan('org:write');
  const roots = useQuery(rootsQuery(asOf));
  const [expandedIds, setExpandedIds] = useState<number[]>([]);

  const urlUnit = parseId(params.get('unit'));
  // A unit with no history at all is missing or outside the caller's area (the server does not say which);
  // one that only did not stand on the chosen date keeps the page, and its card says so.
  const urlHistory = useOrgHistory(urlUnit);
  const unitUnknown = (params.has('unit') && urlUnit === null) || isNotFound(urlHistory.error);
  const rootId = roots.data?.[0]?.id ?? null;
  const selectedId = urlUnit ?? rootId;

  const selectUnit = useCallback(
    (id: number, date?: string | null) => {
      updateParams((next) => {
        next.set('unit', String(id));
        if (date === null) next.delete('asOf');
        else if (date !== undefined) next.set('asOf', date);
      });
    },
    [updateParams],
  );

  /** Opens the tree down to a unit, whatever way it was chosen. */
  const reveal = useCallback(
    async (id: number) => {
      try {
        const ancestors = await queryClient.fetchQuery({
          queryKey: orgKeys.ancestors(id, asOf),
          queryFn: () => apiGet<OrgUnit[]>(`/orgs/${id}/ancestors`, { asOf }),
        });
        setExpandedIds((current) =>
          union(
            current,
            ancestors.map((unit) => unit.id),
          ),
        );
      } catch {
        // The unit does not exist on this date or is out of scope; the detail card says so.
      }
    },
    [queryClient, asOf],
  );

  const lastAsOf = useRef<string | null>(null);
  useEffect(() => {
    if (rootId === null) return;
    if (lastAsOf.current === asOf) return;
    lastAsOf.current = asOf;
    setExpandedIds([rootId]);
    if (urlUnit !== null && urlUnit !== rootId) void reveal(urlUnit);
  }, [asOf, rootId, urlUnit, reveal]);

  const onPick = (hit: OrgSearchHit) => {
    setExpandedIds((current) => union(current, hit.ancestorIds));
    selectUnit(hit.id);
  };

  const openUnit = (id: number, date?: string) => {
    if (date !== undefined && date !== asOf) {
      selectUnit(id, date >= todayIso() ? null : date);
      return;
    }
    selectUnit(id);
    void reveal(id);
  };

  const onChanged = (unit: OrgUnit, date: string, text: string) => {
    void message.success(text);
    if (date > asOf) {
      selectUnit(unit.id, date <= todayIso() ? null : date);
    } else {
      selectUnit(unit.id);
      void reveal(unit.id);
    }
  };

  if (unitUnknown) {
    return (
      <NotFoundResult
        what="组织"
        back={{ to: '/orgs', label: '返回组织架构', testId: 'org-back' }}
        testId="org-not-found"
      />
    );
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {isToday ? null : (
        <Alert
          data-testid="asof-notice"
          type="info"
          showIcon
          title={`正在查看 ${formatDateLong(asOf)}（${formatDate(asOf)}）的组织架构`}
          description="名称、隶属关系与下级组织均按当天的情况显示。"
          action={
            <Button size="small" onClick={() => setAsOf(null)}>
              回到今天
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card title="组织架构" size="small" styles={{ body: { paddingTop: 12 } }}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <OrgSearchBox key={`search-${asOf}`} asOf={asOf} onPick={onPick} />
              <OrgTree
                key={`tree-${asOf}`}
                asOf={asOf}
                selectedId={selectedId}
                expandedIds={expandedIds}
                onExpandedIdsChange={setExpandedIds}
                onSelect={(unit) => selectUnit(unit.id)}
              />
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selectedId === null ? null : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <OrgDetailCard
                unitId={selectedId}
                asOf={asOf}
                onOpenUnit={openUnit}
                actions={
                  canWrite
                    ? (unit, ancestors) => (
                        <OrgActions unit={unit} ancestors={ancestors} asOf={asOf} onChanged={onChanged} />
                      )
                    : undefined
                }
              />
              <OrgHistoryTimeline unitId={selectedId} asOf={asOf} onOpenUnit={openUnit} />
            </Space>
          )}
        </Col>
      </Row>
    </Space>
  );
}
