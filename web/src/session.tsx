import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, call, type Schemas, setSessionToken } from './api/client';
import type { Efirma } from './efirma/index';

export interface Session {
  token: string;
  expiresAt: string;
  efirma: Efirma;
}

/** Who the session is and what it may do (GET /api/v1/me): traders it acts for, agency memberships, broker. */
export type Me = Schemas['Me'];

interface SessionState {
  session: Session | null;
  /** Loaded once after sign-in; null until then (pages wait for it before role-specific content). */
  me: Me | null;
  signIn(session: Session): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** After this long without a click or a key, the key is dropped and the session ended. */
const IDLE_MS = 10 * 60 * 1000;

/**
 * The session and the open e.firma live in this page's memory only: never in storage, gone on sign-out, on idle
 * and when the tab closes.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const current = useRef<Session | null>(null);

  const signIn = useCallback((s: Session) => {
    current.current = s;
    setSessionToken(s.token);
    setSession(s);
    call(api.GET('/api/v1/me')).then(
      (loaded) => current.current === s && setMe(loaded),
      () => undefined, // The pages that need it show the window's problem on their own calls.
    );
  }, []);

  const signOut = useCallback(async () => {
    const s = current.current;
    current.current = null;
    s?.efirma.forget();
    try {
      if (s) await call(api.POST('/api/v1/auth/logout'));
    } catch {
      // The session ends here anyway; the server's copy expires on its own.
    } finally {
      setSessionToken(null);
      setSession(null);
      setMe(null);
    }
  }, []);

  useEffect(() => {
    if (!session) return;
    let timer = window.setTimeout(() => void signOut(), IDLE_MS);
    const active = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void signOut(), IDLE_MS);
    };
    window.addEventListener('pointerdown', active);
    window.addEventListener('keydown', active);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', active);
      window.removeEventListener('keydown', active);
    };
  }, [session, signOut]);

  const value = useMemo(() => ({ session, me, signIn, signOut }), [session, me, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
