// What failed and why, so the last lines of `npm test` say it. CI shows only the tail
// of a long run: when a vitest file failed in its beforeAll, the reason was printed
// twenty minutes earlier and lost, and all the tail said was "1 failed". vitest's
// failures come from its reporter in vitest-failures.ts (its JSON report leaves out a
// hook's error), Playwright's from its JSON report.
import { relative, resolve } from 'node:path';
import { projectRoot } from './database.ts';
import { eachPlaywrightTest, type PlaywrightReport } from './playwright-report.ts';

/** How many lines of each error to show: the message and the first frames. */
const linesEach = 12;
/** How many failures to show; the rest are counted. */
const most = 20;

export interface Failure {
  /** The test's full title, or the file when the file itself failed. */
  title: string;
  /** The error, without terminal colours, cut to its first lines. */
  reason: string;
}

// Colours the runners put in their messages (ESC [ … m).
const colours = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

export function shorten(message: string | undefined): string {
  // The runners' own frames say nothing about the project.
  const lines = (message ?? 'no message')
    .replace(colours, '')
    .trim()
    .split('\n')
    .filter((line) => !/^\s+at .*(node_modules|<anonymous>|node:internal)/.test(line));
  const kept = lines.slice(0, linesEach);
  if (lines.length > linesEach) kept.push(`… (${lines.length - linesEach} more lines)`);
  return kept.join('\n');
}

export const fromRoot = (file: string) => relative(projectRoot, resolve(projectRoot, file));

export function playwrightFailures(report: PlaywrightReport | undefined): Failure[] {
  const failures: Failure[] = (report?.errors ?? []).map((error) => ({ title: 'Playwright', reason: shorten(error.message) }));
  eachPlaywrightTest(report, (test, spec, file, titles) => {
    if (test.status !== 'unexpected') return;
    // The last try is the one that decided the result.
    const last = test.results?.at(-1);
    failures.push({
      title: [`${fromRoot(file)}:${spec.line ?? 0}`, ...titles].join(' > '),
      reason: shorten(last?.error?.message ?? last?.errors?.[0]?.message),
    });
  });
  return failures;
}

/** The failures as text for the end of the run; empty when there are none. */
export function describeFailures(failures: Failure[]): string {
  if (failures.length === 0) return '';
  const shown = failures.slice(0, most).map(({ title, reason }) => `✗ ${title}\n${reason.replace(/^/gm, '    ')}`);
  if (failures.length > most) shown.push(`… and ${failures.length - most} more failures: see the output above`);
  return `Why they failed:\n\n${shown.join('\n\n')}\n`;
}
