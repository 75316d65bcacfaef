import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { findChromium } from './e2e/chromium';

// A free port, chosen once by the runner: its workers load this file again and inherit the variable.
process.env.DEMARC_E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); })",
]).toString();
const PORT = Number(process.env.DEMARC_E2E_PORT);

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
  // Sized for a busy 2-core machine: a page that compiles data for a new organization can take seconds.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    navigationTimeout: 45_000,
    actionTimeout: 20_000,
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
