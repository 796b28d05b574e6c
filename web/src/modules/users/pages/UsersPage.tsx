import { useState } from 'react';
import { App as AntApp, Button, Form, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { roleLabels, type User } from '@gonghui/contracts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { ACTIONS, DataList, SearchField, type ListColumn } from '../../../shared/list/DataList.tsx';
import { textFilter } from '../../../shared/list/listParams.ts';
import { useListState } from '../../../shared/list/useListState.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { useUpdateUser, useUserList } from '../api/users.ts';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from '../components/UserModals.tsx';

const listSpec = {
  filters: { q: textFilter(50) },
  sorts: ['username'] as const,
  defaultSort: 'username' as const,
};

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
  const state = useListState(listSpec);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useUserList({ page: state.page, pageSize: state.pageSize, q: state.filters.q ?? '' });
  const update = useUpdateUser();

  const patch = (user: User, body: { active?: boolean; unlock?: true }, done: string) => {
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => void message.success(done),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  const columns: ListColumn<User>[] = [
    {
      title: '用户名',
      dataIndex: 'username',
      key: 'username',
      width: 132,
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 136, ellipsis: true },
    {
      title: '角色',
      dataIndex: 'role',
      key: 'role',
      width: 96,
      render: (_value, user) => roleLabels[user.role],
    },
    { title: '所属组织', dataIndex: 'orgUnitName', key: 'orgUnitName', ellipsis: true },
    { title: '状态', key: 'status', width: 84, render: (_value, user) => <StatusTag user={user} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 160,
      render: (value: string | null) => (value ? formatDateTime(value) : '从未登录'),
    },
    {
      title: '创建日期',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 108,
      render: (value: string) => formatDate(value),
    },
  ];

  if (canWrite) {
    columns.push({
      title: '操作',
      key: ACTIONS,
      width: 200,
      render: (_value, user) => {
        const self = user.id === me.user.id;
        return (
          <Space size={0}>
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
    <DataList
      id="users"
      title="用户管理"
      cardTestId="users-page"
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
      list={state}
      filters={
        <Form.Item name="q">
          <SearchField placeholder="用户名、姓名或所属组织" testId="users-filter" width={300} />
        </Form.Item>
      }
      columns={columns}
      rows={list.data?.items}
      total={list.data?.total ?? 0}
      totalCapped={list.data?.totalCapped}
      totalText={(total) => `共 ${total} 个用户`}
      loading={list.isFetching}
      error={list.error}
      errorTitle="用户列表载入失败"
      onRefresh={() => void list.refetch()}
      rowKey="id"
      tableTestId="users-table"
    >
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
    </DataList>
  );
}
