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
  expect: {
    timeout: 10_000,
    // Pixel for pixel: the baselines are drawn by the same Chromium and the same pinned fonts.
    toHaveScreenshot: { maxDiffPixels: 0, animations: 'disabled', caret: 'hide', scale: 'css' },
  },
  // One committed baseline per picture, named by the test (see screenshots.spec.ts).
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    // CHROMIUM_PATH is set by npm test; run alone, the config looks for Debian's Chromium.
    launchOptions: { executablePath: findChromium() ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
