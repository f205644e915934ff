import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiProblem, api, call, type Problem, type Schemas } from './api/client';
import { usePath } from './router';

/** A trader the signed-in person may act for: itself, as its legal representative, or as its broker. */
export interface ActingTrader {
  rfc: string;
  legalName: string;
  /** 'broker' when the trader delegated to the person's customs broker patent. */
  relation: 'self' | 'legal_representative' | 'broker';
}

/** The window refused the trader the person was acting for (its delegation was revoked...). */
export interface Refusal {
  trader: ActingTrader;
  problem: Problem;
}

export interface ActingState {
  /** Every trader the person may act for (from GET /api/v1/me), those the window since refused left out. */
  traders: ActingTrader[];
  /** The one chosen for this session; the only one when there is one; null while several and none chosen. */
  acting: ActingTrader | null;
  choose(rfc: string | null): void;
  /** Why the trader chosen before is no longer one (a sentence of the window's problem), until another is chosen. */
  refusal: Refusal | null;
  /** Whether the person is a broker acting for others: the header shows the switch then. */
  forOthers: boolean;
}

const ActingContext = createContext<ActingState | null>(null);

function tradersOf(me: Schemas['Me'] | null): ActingTrader[] {
  if (!me) return [];
  const seen = new Set<string>();
  const all: ActingTrader[] = [
    ...me.traders.map((t) => ({ rfc: t.rfc, legalName: t.legalName, relation: t.relation })),
    ...me.representedTraders.map((t) => ({ rfc: t.rfc, legalName: t.legalName, relation: 'broker' as const })),
  ];
  return all.filter((t) => !seen.has(t.rfc) && seen.add(t.rfc));
}

/**
 * Which trader the person acts for now, in memory only (a new sign-in asks again). A broker's choice is checked
 * with the window on every page it opens (GET /api/v1/traders/{rfc}): once the trader revokes the delegation,
 * the window's refusal is what the header says, and the trader is no longer offered.
 */
export function ActingProvider({ me, children }: { me: Schemas['Me'] | null; children: ReactNode }) {
  const path = usePath();
  const [chosen, setChosen] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const session = me?.session.id ?? null;

  // A new session starts with no choice and nothing refused.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the session changes
  useEffect(() => {
    setChosen(null);
    setRefused([]);
    setRefusal(null);
  }, [session]);

  // A fresh `me` is the window's word: a trader refused before but listed again was delegated again.
  useEffect(() => {
    const listed = new Set(tradersOf(me).map((t) => t.rfc));
    setRefused((r) => (r.some((x) => listed.has(x.trader.rfc)) ? r.filter((x) => !listed.has(x.trader.rfc)) : r));
  }, [me]);

  const traders = useMemo(
    () => tradersOf(me).filter((t) => !refused.some((r) => r.trader.rfc === t.rfc)),
    [me, refused],
  );
  const acting = traders.find((t) => t.rfc === chosen) ?? (traders.length === 1 ? traders[0]! : null);
  const forOthers = !!me && (me.representedTraders.length > 0 || refused.some((r) => r.trader.relation === 'broker'));

  // The delegation may have been revoked since sign-in: ask the window on each page a broker opens.
  // The answer counts even if the choice changed meanwhile (a fresh `me` without the trader): the person is told
  // why; only an answer for an earlier session is dropped.
  const currentSession = useRef(session);
  currentSession.current = session;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `path` is when to ask again
  useEffect(() => {
    if (acting?.relation !== 'broker') return;
    const asked = session;
    call(api.GET('/api/v1/traders/{rfc}', { params: { path: { rfc: acting.rfc } } })).catch((err: unknown) => {
      if (currentSession.current !== asked || !(err instanceof ApiProblem) || err.problem.status === 0) return;
      const refusal = { trader: acting, problem: err.problem };
      setRefused((r) => (r.some((x) => x.trader.rfc === acting.rfc) ? r : [...r, refusal]));
      setRefusal(refusal);
    });
  }, [acting?.rfc, acting?.relation, path]);

  const choose = useCallback((rfc: string | null) => {
    setChosen(rfc);
    setRefusal(null);
  }, []);
  const value = useMemo(
    () => ({ traders, acting, choose, refusal, forOthers }),
    [traders, acting, choose, refusal, forOthers],
  );
  return <ActingContext.Provider value={value}>{children}</ActingContext.Provider>;
}

export function useActing(): ActingState {
  const state = useContext(ActingContext);
  if (!state) throw new Error('useActing outside ActingProvider');
  return state;
}
