import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here)
// against `sfd demo`: a simulated fleet, the poller and the dashboard in one process.
const port = Number(process.env.E2E_PORT ?? 18080);
export const e2eAdmin = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password-1' };

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    },
  },
  webServer: {
    command: `node bin/sfd.js demo --systems 12 --port ${port}`,
    url: `http://127.0.0.1:${port}/readyz`,
    env: { POLL_INTERVAL_SECONDS: '10', ADMIN_PASSWORD: e2eAdmin.password, HOST: '127.0.0.1' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
