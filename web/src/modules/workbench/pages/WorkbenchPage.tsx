import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Col, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  FileTextOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { orgKindLabels, orgLevelLabels, type AuditEntry } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { actionColor, actionLabel, entityLabel, entityName } from '../../audit/labels.ts';
import { useWorkbench } from '../api/workbench.ts';
import { webModules } from '../../../platform/modules.ts';
import { FigureCard } from '../../../shared/FigureCard.tsx';
import { useIndicatorReport } from '../../indicators/api/indicators.ts';
import { IndicatorCards } from '../../indicators/components/IndicatorCards.tsx';
import { todayIso } from '../../../shared/format.ts';

/** The icon a module gives its workbench figure; a plain document icon otherwise. */
function CounterIcon({ counterKey }: { counterKey: string }) {
  const Icon =
    webModules.find((m) => m.counterIcons?.[counterKey])?.counterIcons?.[counterKey] ?? FileTextOutlined;
  return <Icon />;
}

function greeting(): string {
  const hour = new Date().getHours();
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

function ActivityItem({ entry }: { entry: AuditEntry }) {
  const name = entityName(entry);
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Space size={8} wrap>
            <Tag color={actionColor(entry.action)}>{actionLabel(entry.action)}</Tag>
            <span>
              {name ?? `${entityLabel(entry.entityType)}${entry.entityId ? ` #${entry.entityId}` : ''}`}
            </span>
          </Space>
        }
        description={
          <Space size={16} wrap>
            <span>{formatDateTime(entry.at)}</span>
            <span>操作人：{entry.username ?? '系统'}</span>
            {entry.orgUnitName ? <span>{entry.orgUnitName}</span> : null}
          </Space>
        }
      />
    </List.Item>
  );
}

/** The unit's coverage today against this year's targets; a card opens the dashboard at that indicator. */
function KeyIndicators() {
  const report = useIndicatorReport(undefined, todayIso());
  const navigate = useNavigate();
  return (
    <Card
      title="组织建设指标"
      data-testid="workbench-indicators"
      extra={<Link to="/indicators">查看详情</Link>}
    >
      {report.isError ? (
        <Alert type="error" showIcon title="指标载入失败" description={errorMessage(report.error)} />
      ) : report.data ? (
        <IndicatorCards
          unit={report.data.unit}
          onSelect={(key) => void navigate(`/indicators?indicator=${key}`)}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 2 }} />
      )}
    </Card>
  );
}

export function WorkbenchPage() {
  const me = useSession();
  const workbench = useWorkbench();
  const navigate = useNavigate();
  const canOrgs = useCan('org:read');
  const canUsers = useCan('user:read');
  const canAudit = useCan('audit:read');
  const canIndicators = useCan('indicator:read');

  if (workbench.isError) {
    return <Alert type="error" showIcon title="工作台载入失败" description={errorMessage(workbench.error)} />;
  }

  const data = workbench.data;
  const unit = data?.orgUnit;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="workbench">
      <Card>
        <Skeleton loading={!data} active paragraph={{ rows: 2 }}>
          <Row gutter={[24, 16]} align="middle">
            <Col flex="auto">
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {greeting()}，{me.user.displayName}
              </Typography.Title>
              <Space size={8} wrap data-testid="workbench-unit">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {unit?.name}
                </Typography.Text>
                {unit ? <Tag color="geekblue">{orgLevelLabels[unit.level]}</Tag> : null}
                {unit ? <Tag>{orgKindLabels[unit.kind]}</Tag> : null}
                {unit?.divisionCode ? (
                  <Typography.Text type="secondary">区划代码 {unit.divisionCode}</Typography.Text>
                ) : null}
                {unit ? (
                  <Typography.Text type="secondary">成立于 {formatDate(unit.validFrom)}</Typography.Text>
                ) : null}
              </Space>
            </Col>
            <Col>
              <Space wrap>
                {canOrgs && unit ? (
                  <Button
                    type="primary"
                    icon={<ApartmentOutlined />}
                    onClick={() => void navigate(`/orgs?unit=${unit.id}`)}
                  >
                    组织架构
                  </Button>
                ) : null}
                {canUsers ? (
                  <Button icon={<TeamOutlined />} onClick={() => void navigate('/users')}>
                    用户管理
                  </Button>
                ) : null}
                {canAudit ? (
                  <Button icon={<AuditOutlined />} onClick={() => void navigate('/audit')}>
                    审计日志
                  </Button>
                ) : null}
              </Space>
            </Col>
          </Row>
        </Skeleton>
      </Card>

      <Row gutter={[16, 16]}>
        <Col flex="1 1 240px">
          <FigureCard
            testId="count-child-units"
            title="直属下级组织"
            value={data?.counts.childUnits}
            prefix={<ClusterOutlined />}
            suffix="个"
          />
        </Col>
        <Col flex="1 1 240px">
          <FigureCard
            testId="count-subtree-units"
            title="下辖各级组织（不含本级）"
            value={data?.counts.subtreeUnits}
            prefix={<ApartmentOutlined />}
            suffix="个"
          />
        </Col>
        <Col flex="1 1 240px">
          <FigureCard
            testId="count-users"
            title="系统用户（本级及下级）"
            value={data?.counts.users}
            prefix={<TeamOutlined />}
            suffix="人"
          />
        </Col>
        {(data?.counters ?? []).map((counter) => (
          <Col flex="1 1 240px" key={counter.key}>
            <FigureCard
              testId={`count-${counter.key}`}
              title={counter.title}
              value={counter.value}
              prefix={<CounterIcon counterKey={counter.key} />}
              suffix={counter.suffix}
              note={counter.note ?? undefined}
              onClick={counter.link ? () => void navigate(counter.link!) : undefined}
            />
          </Col>
        ))}
      </Row>

      {canIndicators ? <KeyIndicators /> : null}

      {canAudit ? (
        <Card title="最近动态" data-testid="recent-activity" extra={<Link to="/audit">查看全部</Link>}>
          {data && data.recentAudit.length === 0 ? (
            <Empty description="暂无动态" />
          ) : (
            <List
              loading={!data}
              dataSource={data?.recentAudit ?? []}
              rowKey="id"
              renderItem={(entry) => <ActivityItem entry={entry} />}
            />
          )}
        </Card>
      ) : null}
    </Space>
  );
}
