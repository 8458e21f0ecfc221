import type { ReactNode } from 'react';
import { errorText } from '../api/errors';
import { Button, EmptyNote, Notice, Skeleton } from './plain';

/** Loading, error and empty states, the same everywhere (native: they are in every first load). */
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
  if (query.isPending) return <Skeleton rows={4} />;
  if (query.isError)
    return (
      <Notice type="error" action={<Button onClick={() => query.refetch()}>重试</Button>}>
        {errorText(query.error)}
      </Notice>
    );
  const data = query.data as T;
  if (isEmpty?.(data)) return <EmptyNote>{empty ?? '暂无内容'}</EmptyNote>;
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
