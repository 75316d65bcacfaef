import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { findChromium } from './e2e/chromium';

// Free ports, chosen once by the runner: its workers load this file again and inherit the variables.
const freePort = () =>
  execFileSync(process.execPath, [
    '-e',
    "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); })",
  ]).toString();
process.env.DEMARC_E2E_PORT ??= freePort();
const PORT = Number(process.env.DEMARC_E2E_PORT);
// The test SMTP server the app sends to (e2e/smtp-sink.ts); specs read its messages from the folder.
process.env.DEMARC_E2E_SMTP_PORT ??= freePort();
process.env.DEMARC_E2E_MAIL_DIR ??= '.data/e2e-mail';
const SMTP_PORT = Number(process.env.DEMARC_E2E_SMTP_PORT);
// The test OpenID Provider single sign-on specs configure (e2e/oidc-provider.ts).
process.env.DEMARC_E2E_OIDC_PORT ??= freePort();
process.env.DEMARC_E2E_OIDC_CLIENT_ID ??= 'demarc-e2e';
process.env.DEMARC_E2E_OIDC_CLIENT_SECRET ??= 'demarc-e2e-client-secret-0123456789';
const OIDC_PORT = Number(process.env.DEMARC_E2E_OIDC_PORT);

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
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    navigationTimeout: 45_000,
    actionTimeout: 20_000,
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: 'node node_modules/tsx/dist/cli.mjs e2e/smtp-sink.ts',
      port: SMTP_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: 'node node_modules/tsx/dist/cli.mjs e2e/oidc-provider.ts',
      port: OIDC_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // The real start path on a fresh embedded database; `npm run test:e2e` built the app first.
      command: 'rm -rf .data/e2e && node node_modules/tsx/dist/cli.mjs scripts/start.ts',
      url: `http://localhost:${PORT}/sign-in`,
      env: {
        PORT: String(PORT),
        DEMARC_DATA_DIR: '.data/e2e',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: 'Demarc <demarc@e2e.test>',
      },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
  ],
});
