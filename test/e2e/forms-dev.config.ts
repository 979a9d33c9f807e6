// TEMPORARY (forms engineer, not committed): runs the e2e specs against an already running dev server.
import { defineConfig } from '@playwright/test';
process.env.E2E_BASE_URL = 'http://127.0.0.1:55700';
process.env.E2E_RESEND_URL = 'http://127.0.0.1:55701';
process.env.OUT_DIR = '/tmp/forms-dist';
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '/tmp/forms-work/results',
  use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }, trace: 'retain-on-failure' },
});
