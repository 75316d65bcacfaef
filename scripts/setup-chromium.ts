// Makes sure the browser tests have a Chromium: Playwright's own if present, else Debian's
// /usr/bin/chromium, installed with apt when we are root and it is missing. Playwright's
// own download cannot work on offline machines, so it is never attempted.
import { execFileSync } from 'node:child_process';
import { findChromium } from '../e2e/chromium';

let found = findChromium();
if (!found && process.getuid?.() === 0) {
  console.log('[setup-chromium] No Chromium found; installing Debian’s chromium package…');
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
  found = findChromium();
}
if (!found) {
  console.error('[setup-chromium] No Chromium. Install Debian’s "chromium" package (apt-get install chromium) and run again.');
  process.exit(1);
}
console.log(`[setup-chromium] Using ${found}`);
