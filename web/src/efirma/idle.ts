import type { Efirma } from './types.ts';

/** Time and timers, injectable so a test can move time instead of waiting. */
export interface IdleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleHold {
  /** The same e.firma; signing with it counts as activity. */
  efirma: Efirma;
  /** Call on user activity (key, pointer): the countdown starts again. */
  touch(): void;
  /** Stops watching without forgetting (the e.firma was forgotten otherwise, e.g. sign-out). */
  stop(): void;
}

const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface IdleOptions {
  /** The system clock unless a test moves time. */
  clock?: IdleClock;
  /** Runs once when the key is forgotten for idleness (the portal ends the session then): one idle timer for both. */
  onIdle?(): void;
}

/**
 * Forgets the key after `minutes` without activity. One timer at a time: when it fires early (activity
 * since it was set) it waits for the rest; when it fires late (a laptop asleep) it forgets at once.
 */
export function holdForIdleMinutes(efirma: Efirma, minutes: number, options: IdleOptions = {}): IdleHold {
  const clock = options.clock ?? systemClock;
  if (!(minutes > 0 && Number.isFinite(minutes)))
    throw new RangeError(`Idle minutes must be a positive number: ${minutes}`);
  const idleMs = minutes * 60_000;
  let last = clock.now();
  let timer: unknown = null;
  const arm = (ms: number) => {
    timer = clock.setTimeout(check, ms);
  };
  function check() {
    timer = null;
    const idle = clock.now() - last;
    if (idle < idleMs) return arm(idleMs - idle);
    efirma.forget();
    options.onIdle?.();
  }
  const stop = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  arm(idleMs);
  const touch = () => {
    last = clock.now();
  };
  return {
    efirma: {
      ...efirma,
      sign: (payload) => {
        touch();
        return efirma.sign(payload);
      },
      forget: () => {
        stop();
        efirma.forget();
      },
    },
    touch,
    stop,
  };
}
