// Playwright's JSON report (its `json` reporter, of a run or of `--list`), walked once
// for everyone who reads it: the hazard-control check's inventory of tests
// (safety/inventory.ts) and the failures `npm test` prints at its end (test-failures.ts).
import { join } from 'node:path';

export interface PlaywrightError {
  message?: string;
}
export interface PlaywrightTest {
  /** expected, unexpected, flaky or skipped; absent in a `--list` report. */
  status?: string;
  results?: { status?: string; error?: PlaywrightError; errors?: PlaywrightError[] }[];
}
export interface PlaywrightSpec {
  title: string;
  file: string;
  line?: number;
  tests: PlaywrightTest[];
}
export interface PlaywrightSuite {
  title: string;
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}
export interface PlaywrightReport {
  config?: { rootDir?: string };
  suites?: PlaywrightSuite[];
  errors?: PlaywrightError[];
}

/**
 * Calls `visit` for each test of the report with its spec's file (absolute, when the
 * report names its root) and its title path below the file: the top suites are the files
 * themselves, so their titles are not part of a test's title.
 */
export function eachPlaywrightTest(
  report: PlaywrightReport | undefined,
  visit: (test: PlaywrightTest, spec: PlaywrightSpec, file: string, titles: string[]) => void,
): void {
  const walk = (suite: PlaywrightSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      const file = report?.config?.rootDir ? join(report.config.rootDir, spec.file) : spec.file;
      for (const test of spec.tests) visit(test, spec, file, [...path, spec.title]);
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const fileSuite of report?.suites ?? []) walk(fileSuite, []);
}
