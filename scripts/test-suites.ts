// What `npm test` runs and where it writes its results: read by the test run itself
// and by the hazard-control check, which names tests of these same suites.
import { join } from 'node:path';
import { projectRoot } from './database.ts';

/** The folders vitest runs, in order. */
export const vitestSuites = ['test/unit', 'test/db', 'test/functions', 'test/resilience', 'test/fuzz'];
/** The Playwright configuration of the browser tests. */
export const playwrightConfig = 'test/e2e/playwright.config.ts';

export const resultsDir = join(projectRoot, 'test-results');
/** vitest's JSON report of the last `npm test`: every test with its title path and status. */
export const vitestReport = join(resultsDir, 'vitest.json');
/** Playwright's JSON report of the last `npm test`. */
export const e2eReport = join(resultsDir, 'e2e.json');
/** Each failed vitest test, or file or hook, with its error (scripts/vitest-failures.ts). */
export const vitestFailuresReport = join(resultsDir, 'vitest-failures.json');
