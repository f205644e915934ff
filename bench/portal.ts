/**
 * First render of the portal's pages with data (issue 9's budget: under 1 s on this machine, server on the same
 * host), in Debian's Chromium against a window on PGlite holding the demo data (its months of history).
 *
 * Each page is timed from the navigation to the moment its data is on screen, 7 times, interleaved with the
 * baseline: the home page, a static page with no data. Pages after sign-in are reached as a user reaches them, by
 * the portal's own navigation (the session lives in the page), so they pay the data, not the script download;
 * the public pages are loaded whole (script download included). Medians, p90 and the ratio to the baseline.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TRADER_RFC } from '../src/cli/demo.ts';
import { withoutChromium } from '../test/support/browser.ts';
import { openPortal } from '../test/support/portal.ts';
import { startTestWindow } from '../test/support/window.ts';
import { median } from './measure.ts';

const RUNS = 7;

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1]!;

/** The SPA's own navigation, as a click on a link does it. */
async function navigate(page: Page, to: string) {
  await page.evaluate((url) => {
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);
}

export async function benchPortal(): Promise<void> {
  if (withoutChromium) {
    console.log('\nPortal first render: skipped (no /usr/bin/chromium)');
    return;
  }
  const w = await startTestWindow({}, { demo: true });
  const portal = await openPortal(w);
  try {
    const efirma = (key: string) => {
      const p = DEMO_PEOPLE.find((x) => x.key === key)!;
      const dir = `${w.ctx.config.dataDir}/demo-efirma/${p.rfc}`;
      return { rfc: p.rfc, cer: fs.readFileSync(`${dir}.cer`), key: fs.readFileSync(`${dir}.key`) };
    };
    const permit = await w.ctx.db.one<{ number: string }>(
      'select number from permits where holder_rfc = $1 order by issued_at desc limit 1',
      [DEMO_TRADER_RFC],
    );
    const trader = await portal.newPage(1280);
    await portal.signIn(trader, efirma('legal-rep') as never, DEMO_PASSWORD);
    await trader.getByRole('heading', { level: 1 }).waitFor();
    const officer = await portal.newPage(1280);
    await portal.signIn(officer, efirma('cofepris-reviewer') as never, DEMO_PASSWORD);
    await officer.getByRole('heading', { level: 1 }).waitFor();
    const visitor = await portal.newPage(1280);

    const via = (page: Page, path: string, shows: (page: Page) => Promise<unknown>) => async () => {
      await navigate(page, '/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      const start = performance.now();
      await navigate(page, path);
      await shows(page);
      return performance.now() - start;
    };
    const load = (path: string, shows: (page: Page) => Promise<unknown>) => async () => {
      const start = performance.now();
      await visitor.goto(`${portal.base}${path}`);
      await shows(visitor);
      return performance.now() - start;
    };
    const targets: Array<[string, () => Promise<number>]> = [
      ['home (public, static: baseline)', load('/', (p) => p.getByRole('heading', { level: 1 }).waitFor())],
      ['statistics (public, 12 months)', load('/estadisticas', (p) => p.getByRole('img').first().waitFor())],
      ['trader dashboard', via(trader, '/panel', (p) => p.locator('table tbody tr').first().waitFor())],
      ['trader permits list', via(trader, '/permisos', (p) => p.locator('table tbody tr').first().waitFor())],
      [
        'trader permit page',
        // Its title carries the number before the data arrives: wait for the balances table.
        via(trader, `/permisos/${permit.number}`, (p) => p.locator('table tbody tr').first().waitFor()),
      ],
      ['officer inbox', via(officer, '/dependencia', (p) => p.locator('table tbody tr').first().waitFor())],
    ];
    const times = new Map<string, number[]>(targets.map(([name]) => [name, []]));
    for (const [, run] of targets) await run(); // warm-up: chunks cached, as for a returning user
    for (let i = 0; i < RUNS; i++) for (const [name, run] of targets) times.get(name)!.push(await run());
    const base = median(times.get(targets[0]![0])!);
    console.log(`\nPortal first render with data (Chromium, PGlite demo window, ${RUNS} runs each, interleaved)`);
    for (const [name] of targets) {
      const xs = times.get(name)!;
      const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
      console.log(
        `  ${name.padEnd(34)} median ${ms(median(xs))}  p90 ${ms(p90(xs))}  ` +
          `${(median(xs) / base).toFixed(2)}x baseline`,
      );
    }
  } finally {
    await portal.close();
    await w.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPortal();
