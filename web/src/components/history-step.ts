import { useEffect, useState } from 'react';

/** The history entry's field that says which step of the page's flow it is. */
const KEY = 'flowStep';

const entryIndex = (): number | undefined => {
  const index = (window.history.state as Record<string, unknown> | null)?.[KEY];
  return typeof index === 'number' ? index : undefined;
};

/**
 * The steps of a multi-step flow on one page as entries of the browser's history, so that Back and Forward move
 * between them as between pages. The steps stay in memory (a signing payload is not the history's to keep): an
 * entry this page did not push (a link to it, another page's) shows the first step.
 *
 * - `go(next)`: a new step, a new entry (the entries after this one are dropped, as a link does).
 * - `set(next)`: the same step changed (what is typed in it), no new entry.
 * - `finish(done)`: the flow is over (signed): this step and every one after the first becomes `done`, so Back after
 *   a signature shows what was done, never the signature page again.
 */
export function useHistoryStep<S>(first: S) {
  const [state, setState] = useState({ steps: [first], at: 0 });
  useEffect(() => {
    const moved = () =>
      setState((s) => {
        const index = entryIndex();
        return { ...s, at: index !== undefined && index < s.steps.length ? index : 0 };
      });
    window.addEventListener('popstate', moved);
    return () => window.removeEventListener('popstate', moved);
  }, []);
  const { steps, at } = state;
  return {
    step: steps[at] ?? first,
    go(next: S) {
      const index = at + 1;
      window.history.pushState({ ...(window.history.state ?? {}), [KEY]: index }, '', window.location.href);
      setState({ steps: [...steps.slice(0, index), next], at: index });
    },
    set(next: S) {
      setState({ steps: steps.map((s, i) => (i === at ? next : s)), at });
    },
    finish(done: S) {
      setState({ steps: steps.map((s, i) => (i === at || i > 0 ? done : s)), at });
    },
  };
}
