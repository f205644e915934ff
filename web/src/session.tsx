import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ActingProvider } from './acting';
import { api, call, type Schemas, setSessionToken } from './api/client';
import type { Efirma } from './efirma/index';
import { holdForIdleMinutes, type IdleHold } from './efirma/idle';

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
  /** Asks the window again who the session is (e.g. after a delegation was granted or revoked). */
  reloadMe(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** After this long without a click, a key or a signature, the key is dropped and the session ended. */
const IDLE_MINUTES = 10;

/**
 * The session and the open e.firma live in this page's memory only: never in storage, gone on sign-out, on idle
 * and when the tab closes. One idle timer (the e.firma's holdForIdleMinutes) ends both: it forgets the key and
 * then signs out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const current = useRef<Session | null>(null);
  const hold = useRef<IdleHold | null>(null);

  const loadMe = useCallback(async (s: Session) => {
    try {
      const loaded = await call(api.GET('/api/v1/me'));
      if (current.current === s) setMe(loaded);
    } catch {
      // The pages that need it show the window's problem on their own calls.
    }
  }, []);

  const signOut = useCallback(async () => {
    const s = current.current;
    current.current = null;
    hold.current = null;
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

  const signIn = useCallback(
    (opened: Session) => {
      // Signing counts as activity; idleness forgets the key and then ends the session.
      const held = holdForIdleMinutes(opened.efirma, IDLE_MINUTES, {
        onIdle: () => current.current === s && void signOut(),
      });
      const s: Session = { ...opened, efirma: held.efirma };
      hold.current?.stop();
      hold.current = held;
      current.current = s;
      setSessionToken(s.token);
      setSession(s);
      setMe(null);
      void loadMe(s);
    },
    [loadMe, signOut],
  );

  const reloadMe = useCallback(async () => {
    if (current.current) await loadMe(current.current);
  }, [loadMe]);

  useEffect(() => {
    if (!session) return;
    const active = () => hold.current?.touch();
    window.addEventListener('pointerdown', active);
    window.addEventListener('keydown', active);
    return () => {
      window.removeEventListener('pointerdown', active);
      window.removeEventListener('keydown', active);
    };
  }, [session]);

  const value = useMemo(() => ({ session, me, signIn, signOut, reloadMe }), [session, me, signIn, signOut, reloadMe]);
  return (
    <SessionContext.Provider value={value}>
      <ActingProvider me={me}>{children}</ActingProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
