import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ok, onSessionExpired, setAccessToken } from '../api/client';
import type { components } from '../api/schema';

export type User = components['schemas']['UserView'];
export type Role = User['role'];
type WebSession = components['schemas']['WebSessionDto'];

type Status = 'loading' | 'anonymous' | 'signed-in';

interface SessionState {
  status: Status;
  user: User | null;
  /** Set when the session ended by itself (expired, revoked elsewhere): the login page says so. */
  expired: boolean;
  signIn(login: string, password: string): Promise<User>;
  adopt(session: WebSession): User;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  return role === 'staff' || role === 'admin' ? '/staff' : '/me';
}

/**
 * The signed-in person. The access token is kept in memory only; a reload asks
 * /auth/web/refresh, which reads the httpOnly cookie, so the session survives it and no script
 * can steal the long-lived token. The access token is renewed a minute before it expires.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [expired, setExpired] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const end = useCallback((byItself: boolean) => {
    clearTimeout(timer.current);
    setAccessToken(null);
    setUser(null);
    setStatus('anonymous');
    setExpired(byItself);
  }, []);

  const adopt = useCallback(
    (s: WebSession): User => {
      setAccessToken(s.accessToken);
      setUser(s.user);
      setStatus('signed-in');
      setExpired(false);
      clearTimeout(timer.current);
      const renewIn = Math.max(5, s.expiresIn - 60) * 1000;
      timer.current = setTimeout(() => {
        void refresh().then((next) => (next ? adopt(next) : end(true)));
      }, renewIn);
      return s.user;
    },
    [end],
  );

  useEffect(() => {
    onSessionExpired(() => end(true));
    let live = true;
    void refresh().then((s) => {
      if (!live) return;
      if (s) adopt(s);
      else setStatus('anonymous');
    });
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, [adopt, end]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      user,
      expired,
      adopt,
      async signIn(login, password) {
        return adopt(await ok(api.POST('/api/v1/auth/web/login', { body: { login, password } })));
      },
      async signOut() {
        await api.POST('/api/v1/auth/web/logout').catch(() => undefined);
        end(false);
      },
    }),
    [status, user, expired, adopt, end],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

let inFlight: Promise<WebSession | null> | null = null;

/**
 * One refresh at a time, across tabs too (Web Locks): the refresh token rotates, and presenting
 * one already used counts as theft and ends the session everywhere.
 */
function refresh(): Promise<WebSession | null> {
  inFlight ??= (async () => {
    const call = async () => {
      try {
        const { data, response } = await api.POST('/api/v1/auth/web/refresh');
        return response.ok && data ? data : null;
      } catch {
        return null;
      }
    };
    try {
      return navigator.locks ? await navigator.locks.request('jsj-session-refresh', call) : await call();
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
