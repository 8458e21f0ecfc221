import { useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { homeOf, useSession } from '../auth/session';
import { Button } from './plain';

const PUBLIC_LINKS = [
  { to: '/jobs', text: '找工作' },
  { to: '/fairs', text: '招聘会' },
  { to: '/gigs', text: '零工市场' },
  { to: '/calculator', text: '政策计算器' },
  { to: '/policies', text: '就业政策' },
  { to: '/targets', text: '目标任务' },
];

/** Header, navigation (a drawer on phones) and the page body. */
export function Layout({ children }: { children: ReactNode }) {
  const { status, user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const links = (
    <>
      {PUBLIC_LINKS.map((l) => (
        <NavLink key={l.to} to={l.to} onClick={() => setOpen(false)}>
          {l.text}
        </NavLink>
      ))}
      {user && (
        <NavLink to={homeOf(user.role)} onClick={() => setOpen(false)}>
          {user.role === 'staff' || user.role === 'admin' ? '工作台' : '我的'}
        </NavLink>
      )}
    </>
  );
  return (
    <div className="shell">
      <header className="top">
        <Link to="/" className="brand">
          稷山就业
        </Link>
        <nav className="nav-wide" aria-label="主导航">
          {links}
        </nav>
        <div className="who">
          {status === 'signed-in' && user ? (
            <>
              <span className="who-name">{user.displayName}</span>
              <Button
                onClick={async () => {
                  await signOut();
                  navigate('/');
                }}
              >
                退出
              </Button>
            </>
          ) : status === 'anonymous' ? (
            <Link to="/login" className="login-link">
              登录 / 注册
            </Link>
          ) : null}
          <Button
            className="nav-toggle"
            aria-expanded={open}
            aria-controls="nav-drop"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '收起' : '菜单'}
          </Button>
        </div>
      </header>
      {open && (
        // A plain panel under the header on phones (no drawer library in the first load).
        <nav id="nav-drop" className="nav-drawer" aria-label="菜单">
          {links}
        </nav>
      )}
      <main className="body">{children}</main>
      <footer className="foot">稷山县公共就业和人才服务中心 · 免费服务，谨防收费中介</footer>
    </div>
  );
}

/** A page's heading and title in the browser tab. */
export function Page({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  document.title = `${title} - 稷山就业`;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{title}</h1>
        {extra}
      </div>
      {children}
    </section>
  );
}
