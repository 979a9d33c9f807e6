import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../scripts/chromium.ts';

// The built site (dist/) served as `npm start` serves it, started once by global-setup.ts.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    // CHROMIUM_PATH is set by npm test; run alone, the config looks for Debian's Chromium.
    launchOptions: { executablePath: findChromium() ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
