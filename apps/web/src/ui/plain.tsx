import { useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

/**
 * Native controls for what every page's first load shows — the header, the home and search pages,
 * loading and error states — so a phone on a village line downloads React and the page alone, not
 * antd and its style runtime (≈ 115 KB gzipped, measured by bench:web). They look like the antd
 * controls of the other pages under the same theme (styles.css: `.btn`, `.notice`, `.badge`).
 */

export function Button({
  kind = 'default',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'default' }) {
  return <button type={type} className={`btn btn-${kind}${className ? ` ${className}` : ''}`} {...rest} />;
}

/** A search box and its button; Enter or the button calls `onSearch` with what was typed. */
export function SearchBox({
  label,
  placeholder,
  buttonText,
  defaultValue,
  onSearch,
}: {
  label: string;
  placeholder: string;
  buttonText: string;
  defaultValue?: string;
  onSearch: (value: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(input.current?.value ?? '');
      }}
    >
      <input
        ref={input}
        type="search"
        enterKeyHint="search"
        aria-label={label}
        placeholder={placeholder}
        defaultValue={defaultValue}
      />
      <button type="submit" className="btn btn-primary">
        {buttonText}
      </button>
    </form>
  );
}

const NOTICE_MARK = { info: 'ℹ', warning: '!', error: '×' } as const;

/** A line that tells the user something: a warning or error is announced (role status / alert). */
export function Notice({
  type,
  children,
  action,
}: {
  type: 'info' | 'warning' | 'error';
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice-${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <span className="notice-mark" aria-hidden="true">
        {NOTICE_MARK[type]}
      </span>
      <span className="notice-text">{children}</span>
      {action}
    </div>
  );
}

/** A short label on a card (见习, 欢迎4050人员). */
export function Badge({ color, children }: { color: 'blue' | 'green'; children: ReactNode }) {
  return <span className={`badge badge-${color}`}>{children}</span>;
}

/** Grey lines where content is coming. */
export function Skeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className="skeleton" role="status" aria-label="正在加载">
      {Array.from({ length: rows + 1 }, (_, i) => (
        <div
          key={i}
          className="skeleton-line"
          style={{ width: i === 0 ? '40%' : i === rows ? '60%' : '100%' }}
        />
      ))}
    </div>
  );
}

/** Nothing to show, said plainly. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="empty-note">{children}</p>;
}

/** While a page's code or data is on its way. */
export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      正在加载…
    </div>
  );
}
