import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { roleLabels, type User } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatCount, formatDate, formatDateTime } from '../../../shared/format.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { useUpdateUser, useUserList } from '../api/users.ts';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from '../components/UserModals.tsx';

function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

function StatusTag({ user }: { user: User }) {
  if (!user.active) return <Tag>已停用</Tag>;
  if (isLocked(user)) {
    return (
      <Tooltip title={`连续输错密码，锁定至 ${formatDateTime(user.lockedUntil)}`}>
        <Tag color="orange">已锁定</Tag>
      </Tooltip>
    );
  }
  return <Tag color="green">正常</Tag>;
}

export function UsersPage() {
  const me = useSession();
  const canWrite = useCan('user:write');
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1, 1_000_000);
  const pageSize = positiveInt(params.get('pageSize'), 20, 200);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useUserList({ page, pageSize, q });
  const update = useUpdateUser();

  const setQuery = (next: { page?: number; pageSize?: number; q?: string }) => {
    setParams((previous) => {
      const merged = new URLSearchParams(previous);
      const entries: [string, string | number | undefined][] = [
        ['page', next.page ?? page],
        ['pageSize', next.pageSize ?? pageSize],
        ['q', next.q ?? q],
      ];
      for (const [key, value] of entries) {
        const isDefault =
          (key === 'page' && value === 1) || (key === 'pageSize' && value === 20) || value === '';
        if (isDefault || value === undefined) merged.delete(key);
        else merged.set(key, String(value));
      }
      return merged;
    });
  };

  const patch = (user: User, body: { active?: boolean; unlock?: true }, done: string) => {
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => void message.success(done),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  const columns: TableColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 140,
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName', width: 150, ellipsis: true },
    { title: '角色', dataIndex: 'role', width: 100, render: (_value, user) => roleLabels[user.role] },
    { title: '所属组织', dataIndex: 'orgUnitName', ellipsis: true },
    { title: '状态', key: 'status', width: 100, render: (_value, user) => <StatusTag user={user} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (value: string | null) => (value ? formatDateTime(value) : '从未登录'),
    },
    { title: '创建日期', dataIndex: 'createdAt', width: 110, render: (value: string) => formatDate(value) },
  ];

  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 210,
      render: (_value, user) => {
        const self = user.id === me.user.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(user)} data-testid="user-edit">
              编辑
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() => setResetting(user)}
              data-testid="user-reset-password"
            >
              重置密码
            </Button>
            {isLocked(user) ? (
              <Button
                type="link"
                size="small"
                onClick={() => patch(user, { unlock: true }, `已解锁 ${user.username}`)}
              >
                解锁
              </Button>
            ) : null}
            {self ? null : user.active ? (
              <Popconfirm
                title={`停用 ${user.displayName}？`}
                description="停用后该账号不能登录，可随时重新启用。"
                okText="停用"
                okButtonProps={{ danger: true }}
                onConfirm={() => patch(user, { active: false }, `已停用 ${user.username}`)}
              >
                <Button type="link" size="small" danger>
                  停用
                </Button>
              </Popconfirm>
            ) : (
              <Button
                type="link"
                size="small"
                onClick={() => patch(user, { active: true }, `已启用 ${user.username}`)}
              >
                启用
              </Button>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <Card
      title="用户管理"
      data-testid="users-page"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create-button"
          >
            新建用户
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="用户名、姓名或所属组织"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onSearch={(value) => setQuery({ q: value.trim(), page: 1 })}
          enterButton="查询"
          style={{ width: 320 }}
          maxLength={50}
          data-testid="users-filter"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
          刷新
        </Button>
      </Space>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title="用户列表载入失败"
          description={errorMessage(list.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1150 }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${formatCount(total)} 个用户`,
          onChange: (nextPage, nextSize) =>
            setQuery({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
        }}
      />
      {creating ? (
        <CreateUserModal
          open
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void message.success(`已新建用户 ${user.username}`);
          }}
        />
      ) : null}
      {editing ? <EditUserModal user={editing} onClose={() => setEditing(null)} /> : null}
      {resetting ? (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            void message.success(`已重置 ${resetting.username} 的密码`);
            setResetting(null);
          }}
        />
      ) : null}
    </Card>
  );
}
