import { Link, useNavigate } from 'react-router';
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  FileTextOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  ShopOutlined,
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

interface Shortcut {
  key: string;
  label: string;
  to: string;
  icon: ReactNode;
  /** How many wait there, when the workbench counts them. */
  waiting?: number;
}

/** The daily tasks of the caller's role, only those it may do: each opens the page where it is done. */
function Shortcuts({ pendingTransfers }: { pendingTransfers: number | undefined }) {
  const navigate = useNavigate();
  const canEmployers = useCan('employer:write');
  const canMembers = useCan('member:write');
  const canTransfers = useCan('transfer:write');
  const shortcuts: Shortcut[] = [];
  if (canEmployers)
    shortcuts.push({ key: 'employer', label: '登记单位', to: '/employers?create=1', icon: <ShopOutlined /> });
  if (canMembers)
    shortcuts.push({ key: 'member', label: '录入会员', to: '/members?enrol=1', icon: <UserAddOutlined /> });
  if (canTransfers)
    shortcuts.push({
      key: 'transfers',
      label: '待接收的会员转入',
      to: '/members/transfers?box=inbox&status=pending',
      icon: <SwapOutlined />,
      waiting: pendingTransfers,
    });
  if (shortcuts.length === 0) return null;
  return (
    <Card title="常用操作" size="small" data-testid="workbench-shortcuts">
      <Space wrap size={12}>
        {shortcuts.map((s) => (
          <Badge key={s.key} count={s.waiting ?? 0} overflowCount={999}>
            <Button
              icon={s.icon}
              onClick={() => void navigate(s.to)}
              data-testid={`shortcut-${s.key}`}
              size="large"
            >
              {s.label}
            </Button>
          </Badge>
        ))}
      </Space>
    </Card>
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
  const [logins, setLogins] = useState(false);
  const workbench = useWorkbench(logins);
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
            note={canOrgs ? '点击查看组织架构' : undefined}
            onClick={canOrgs && unit ? () => void navigate(`/orgs?unit=${unit.id}`) : undefined}
          />
        </Col>
        <Col flex="1 1 240px">
          <FigureCard
            testId="count-subtree-units"
            title="下辖各级组织（不含本级）"
            value={data?.counts.subtreeUnits}
            prefix={<ApartmentOutlined />}
            suffix="个"
            note={canOrgs ? '点击查看组织架构' : undefined}
            onClick={canOrgs && unit ? () => void navigate(`/orgs?unit=${unit.id}`) : undefined}
          />
        </Col>
        <Col flex="1 1 240px">
          <FigureCard
            testId="count-users"
            title="系统用户（本级及下级）"
            value={data?.counts.users}
            prefix={<TeamOutlined />}
            suffix="人"
            note={canUsers ? '点击查看用户' : undefined}
            onClick={canUsers ? () => void navigate('/users') : undefined}
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

      <Shortcuts pendingTransfers={data?.counters.find((c) => c.key === 'pending-transfers')?.value} />

      {canIndicators ? <KeyIndicators /> : null}

      {canAudit ? (
        <Card
          title="最近动态"
          data-testid="recent-activity"
          extra={
            <Space size={16}>
              <Space size={6}>
                <Switch
                  size="small"
                  checked={logins}
                  onChange={setLogins}
                  data-testid="activity-logins"
                  aria-label="显示登录记录"
                />
                <span>显示登录记录</span>
              </Space>
              <Link to="/audit">查看全部</Link>
            </Space>
          }
        >
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
