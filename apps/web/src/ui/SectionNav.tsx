import type { ReactNode } from 'react';

export interface Section {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * A page's sections as big buttons that wrap onto a second row on a phone (no sideways
 * scrolling, no hidden "more" menu), and the chosen section below. Used where tabs would
 * overflow a 390 px screen.
 */
export function SectionNav({
  label,
  items,
  activeKey,
  onChange,
}: {
  label: string;
  items: Section[];
  activeKey: string;
  onChange: (key: string) => void;
}) {
  const active = items.find((i) => i.key === activeKey) ?? items[0]!;
  return (
    <>
      <nav aria-label={label}>
        <ul className="section-nav">
          {items.map((i) => (
            <li key={i.key}>
              <button
                type="button"
                aria-current={i.key === active.key ? 'page' : undefined}
                onClick={() => onChange(i.key)}
              >
                {i.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div>{active.children}</div>
    </>
  );
}
