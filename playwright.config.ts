import { defineConfig } from '@playwright/test';
import { findChromium } from './e2e/chromium';

const PORT = 3100;

// Flags that keep Chromium from calling home: the machines running these tests are offline.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  webServer: {
    // The real start path on a fresh embedded database; `npm run test:e2e` built the app first.
    command: 'rm -rf .data/e2e && node node_modules/tsx/dist/cli.mjs scripts/start.ts',
    url: `http://localhost:${PORT}/sign-in`,
    env: { PORT: String(PORT), DEMARC_DATA_DIR: '.data/e2e' },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
