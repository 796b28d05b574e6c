import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App as AntApp, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Tag, theme } from 'antd';
import {
  BankOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { roleLabels } from '@gonghui/contracts';
import { useSession } from '../modules/auth/session.tsx';
import { pageUrl } from '../api/client.ts';
import { useLogout } from '../modules/auth/api/auth.ts';
import { AsOfPicker } from './AsOfPicker.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import {
  navGroupOf,
  navItemForPath,
  navTree,
  permissionFor,
  routeTitleForPath,
  type NavItem,
} from './navigation.ts';
import { PageTitleContext } from './pageTitle.ts';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = AntApp.useApp();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [pageTitle, setPageTitle] = useState<string | null>(null);

  const current = navItemForPath(location.pathname);
  const routeTitle = routeTitleForPath(location.pathname);
  // A detail page names its record; another page below a menu entry (导入, 接转 …) shows its own title.
  const subTitle = pageTitle ?? (routeTitle && routeTitle !== current?.label ? routeTitle : null);
  const windowTitle = subTitle ?? current?.label ?? (routeTitle ? routeTitle : '页面不存在');

  useEffect(() => {
    document.title = `${windowTitle} - 工会工作平台`;
  }, [windowTitle]);
  const mayOpen = (item: NavItem) => {
    const permission = permissionFor(item);
    return !permission || me.permissions.includes(permission);
  };
  const asOf = new URLSearchParams(location.search).get('asOf');

  const linkTo = (path: string, supportsAsOf?: boolean) =>
    supportsAsOf && asOf ? `${path}?asOf=${encodeURIComponent(asOf)}` : path;

  // The submenu of the page shown is the one open: going to another domain's page folds the last one.
  const currentGroup = navGroupOf(current);
  const [openKeys, setOpenKeys] = useState<string[]>(currentGroup ? [currentGroup] : []);
  useEffect(() => {
    setOpenKeys(currentGroup ? [currentGroup] : []);
  }, [currentGroup]);

  const entry = (item: NavItem) => ({
    key: item.key,
    icon: <item.icon />,
    label: (
      <Link to={linkTo(item.path, item.supportsAsOf)} data-testid={`menu-${item.key}`}>
        {item.label}
      </Link>
    ),
  });
  // A group the user may open one page of shows that page in its place, not a submenu of one.
  const menuItems = navTree.flatMap((node) => {
    if ('item' in node) return mayOpen(node.item) ? [entry(node.item)] : [];
    const items = node.group.items.filter(mayOpen);
    if (items.length <= 1) return items.map(entry);
    return [
      {
        key: node.group.key,
        icon: <node.group.icon />,
        label: <span data-testid={`menu-group-${node.group.key}`}>{node.group.label}</span>,
        children: items.map(entry),
      },
    ];
  });

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        void message.success('已退出登录');
        void navigate('/login', { replace: true });
      },
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout>
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
          width={208}
          theme="dark"
          data-testid="side-menu"
        >
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: collapsed ? 'center' : 'flex-start',
              gap: 10,
              padding: collapsed ? 0 : '0 20px',
              color: '#fff',
              fontWeight: 600,
              fontSize: 16,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            <img src={pageUrl('/favicon.svg')} alt="" width={28} height={28} />
            {collapsed ? null : <span>工会工作平台</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={current ? [current.key] : []}
            // Folded, the menu shows each group's entries in a popup on hover; it keeps no open state.
            {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
            items={menuItems}
          />
        </Sider>
        <Layout>
          <Header
            data-testid="app-header"
            style={{
              background: token.colorBgContainer,
              padding: '0 16px 0 0',
              display: 'flex',
              alignItems: 'center',
              gap: 16,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
              height: 56,
              lineHeight: '56px',
            }}
          >
            <Button
              type="text"
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              style={{ width: 56, height: 56 }}
            />
            <Space size={6} data-testid="header-unit" style={{ fontWeight: 600, fontSize: 15 }}>
              <BankOutlined style={{ color: token.colorPrimary }} />
              <span>{me.user.orgUnit.name}</span>
            </Space>
            <div style={{ flex: 1 }} />
            {current?.supportsAsOf ? <AsOfPicker /> : null}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'account',
                    icon: <UserOutlined />,
                    label: <span data-testid="account-link">个人中心</span>,
                    onClick: () => void navigate('/account'),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout-button">退出登录</span>,
                    onClick: onLogout,
                  },
                ],
              }}
            >
              <Button type="text" data-testid="header-user" icon={<UserOutlined />}>
                {me.user.displayName}
                <Tag style={{ marginInlineStart: 8, marginInlineEnd: 0 }}>{roleLabels[me.user.role]}</Tag>
              </Button>
            </Dropdown>
          </Header>
          <Content style={{ padding: '12px 20px 24px' }}>
            <Breadcrumb
              data-testid="breadcrumb"
              style={{ marginBottom: 12 }}
              items={[
                {
                  title: (
                    <Link to="/">
                      <HomeOutlined /> 首页
                    </Link>
                  ),
                },
                ...(current && current.path !== '/'
                  ? subTitle
                    ? [
                        {
                          title: <Link to={linkTo(current.path, current.supportsAsOf)}>{current.label}</Link>,
                        },
                        { title: <span data-testid="breadcrumb-page">{subTitle}</span> },
                      ]
                    : [{ title: current.label }]
                  : routeTitle && location.pathname !== '/'
                    ? [{ title: routeTitle }]
                    : [{ title: '工作台' }]),
              ]}
            />
            <PageTitleContext value={setPageTitle}>
              <Outlet />
            </PageTitleContext>
          </Content>
        </Layout>
      </Layout>
    </Layout>
  );
}
