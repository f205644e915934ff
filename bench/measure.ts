import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** A synchronous operation to time; it throws if it ever gives a wrong answer. */
export interface Case {
  name: string;
  run: () => void;
}

export interface Rate {
  /** Median of the per-round rates, ops/s. */
  perSecond: number;
  /** Each round's rate, ops/s, in order. */
  rounds: number[];
}

/** Calls between clock reads: small next to a round, large enough that reading the clock costs nothing. */
const BATCH = 32;
/** Safety net for the loop bound: no case here comes near it in a round. */
const MAX_OPS_PER_ROUND = 5_000_000;

/** ops/s over one round of about `ms`. */
function timeRound(c: Case, ms: number): number {
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < ms && ops < MAX_OPS_PER_ROUND) {
    for (let i = 0; i < BATCH; i++) c.run();
    ops += BATCH;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times every case for `rounds` short rounds of `roundMs`, taking turns (a b c a b c ...), after
 * a warm-up. On this shared machine a burst of load from other processes then hits neighbouring
 * rounds alike, and medians ignore the rounds it spoiled.
 */
export function measureInterleaved(
  cases: Case[],
  opts: { rounds: number; roundMs: number; warmupMs: number },
): Map<string, Rate> {
  for (const c of cases) timeRound(c, opts.warmupMs);
  const rounds = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < opts.rounds; r++) {
    for (const c of cases) rounds.get(c.name)!.push(timeRound(c, opts.roundMs));
  }
  return new Map([...rounds].map(([name, list]) => [name, { perSecond: median(list), rounds: list }]));
}

/** Median over rounds of a's rate / b's rate in the same round: the ratio to trust on a noisy machine. */
export const pairedRatio = (a: Rate, b: Rate) => median(a.rounds.map((rate, i) => rate / b.rounds[i]!));

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const count = (n: number) => grouped.format(Math.round(n));
/** part/whole as a percentage, or a ratio as one when whole is omitted. */
export const percent = (part: number, whole = 1) => {
  const p = (100 * part) / whole;
  return `${p >= 10 ? p.toFixed(1) : p >= 1 ? p.toFixed(2) : p.toFixed(3)}%`;
};
export const millis = (ms: number) => `${ms >= 10 ? ms.toFixed(0) : ms.toFixed(1)} ms`;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Rows of cells, columns padded to their widest cell; numeric-looking columns right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[\d,.]+(\/s| ms|%)?$/.test(r[i] ?? '') || (r[i] ?? '') === ''),
  );
  const line = (r: string[]) =>
    indent +
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU ` +
    `(${cpus[0]?.model.trim() ?? '?'}), load average ${load}`
  );
}

/**
 * Runs each client's step in a loop for the warm-up plus the measured duration (at most maxPerClient times), and
 * counts and times the steps that end inside the measured window. measuredMs is shorter than the duration only if
 * the clients stopped early, at maxPerClient.
 */
export async function timedClients<C>(
  clients: readonly C[],
  opts: { warmupMs: number; durationMs: number; maxPerClient: number },
  step: (client: C) => Promise<void>,
): Promise<{ completed: number; warmup: number; measuredMs: number; latenciesMs: number[] }> {
  const measureFrom = performance.now() + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  let completed = 0;
  let warmup = 0;
  const latenciesMs: number[] = [];
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < opts.maxPerClient && performance.now() < end; i++) {
        const t0 = performance.now();
        await step(client);
        const t1 = performance.now();
        if (t1 < measureFrom) warmup++;
        else if (t1 <= end) {
          completed++;
          if (t0 >= measureFrom) latenciesMs.push(t1 - t0);
        }
      }
    }),
  );
  return { completed, warmup, measuredMs: Math.min(end, performance.now()) - measureFrom, latenciesMs };
}
