import { useEffect, useState } from 'react';
import { ApiProblem, type Problem } from './api/client';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; problem: Problem };

/** Loads once per change of `key`; an answer that arrives after the page moved on is dropped. */
export function useData<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => live && setResult({ state: 'ok', data }),
      (err: unknown) =>
        live &&
        setResult({
          state: 'error',
          problem: err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' },
        }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return result;
}
