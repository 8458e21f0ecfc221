import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../api/errors';

/** Loading, error and empty states, the same everywhere. */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T; refetch: () => unknown };
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(query.error)}
        action={
          <Button size="small" onClick={() => query.refetch()}>
            重试
          </Button>
        }
      />
    );
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty description={empty ?? '暂无内容'} />;
  return <>{children(data)}</>;
}

export function NotFound() {
  document.title = '页面不存在 - 稷山就业';
  return (
    <section className="panel" style={{ textAlign: 'center', padding: 32 }}>
      <h1 style={{ fontSize: 24 }}>页面不存在</h1>
      <p>您访问的页面不存在或已被移除。</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </section>
  );
}
