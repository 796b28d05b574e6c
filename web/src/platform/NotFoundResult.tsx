import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Result } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { isApiError } from '../api/client.ts';

/** Whether a record's read answered 404: missing, or outside the caller's scope (the server does not say which). */
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

/**
 * The one result for an unknown address and for a record that answers 404. A record outside the user's
 * area looks exactly like a missing one, so the text never says which it is.
 */
export function NotFoundResult({
  what,
  back,
  testId = 'not-found',
}: {
  /** The kind of record asked for (单位, 会员 …); left out for an unknown address. */
  what?: string;
  back?: { to: string; label: string; testId?: string };
  testId?: string;
}) {
  const extra: ReactNode = back ? (
    <Link to={back.to} data-testid={back.testId}>
      <ArrowLeftOutlined /> {back.label}
    </Link>
  ) : (
    <Link to="/" data-testid="not-found-home">
      <ArrowLeftOutlined /> 返回工作台
    </Link>
  );
  return (
    <Result
      status="404"
      title={what ? `未找到该${what}` : '页面不存在'}
      subTitle={what ? `该${what}不存在或不在您的管理范围内` : '您访问的页面不存在，请从左侧菜单进入。'}
      extra={extra}
      data-testid={testId}
    />
  );
}
