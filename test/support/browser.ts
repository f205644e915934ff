/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser. The flags keep it off the network this
 * machine closes (without them it retries Google's hosts at every start); launch() gives each run a fresh profile.
 */
import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A skip reason where Chromium is absent, outside CI only: in CI (.ci/run installs it) its absence must fail. */
export const withoutChromium: string | false =
  !fs.existsSync(CHROMIUM) && !process.env.CI && `no ${CHROMIUM}: apt-get install chromium (.ci/run does)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
