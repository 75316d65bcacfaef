import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Playwright's own Chromium when it was downloaded, else the system one, else null. */
export function findChromium(): string | null {
  const own = chromium.executablePath();
  if (existsSync(own)) return own;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : null;
}
