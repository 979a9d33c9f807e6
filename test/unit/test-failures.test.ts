// `npm test` ends by saying what failed and why (scripts/test-failures.ts): the vitest
// reporter keeps a failed hook's error, which vitest's JSON report drops, and
// Playwright's failures come from its JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailures, playwrightFailures, type Failure } from '../../scripts/test-failures.ts';

const projectDir = resolve(import.meta.dirname, '../..');

describe('the failures npm test prints at its end', () => {
  it('from vitest: a failed beforeAll with its error, and a failed assertion, without vitest’s own frames', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dsr-failures-'));
    try {
      const file = join(scratch, 'failures.json');
      const result = spawnSync(join(projectDir, 'node_modules/.bin/vitest'), ['run', '--config', 'test/fixtures/failing/vitest.config.ts'], {
        cwd: projectDir,
        env: { ...process.env, FAILURES_FILE: file, FORCE_COLOR: '0' },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(1);
      const failures: Failure[] = JSON.parse(readFileSync(file, 'utf8'));
      expect(failures.map((failure) => failure.title).sort()).toEqual([
        'test/fixtures/failing/assertion.fixture.ts > counts two',
        'test/fixtures/failing/hook.fixture.ts > over a server that never started',
      ]);
      const hook = failures.find((failure) => failure.title.includes('hook'))!;
      expect(hook.reason).toMatch(/^Error: Nothing answered at http:\/\/127\.0\.0\.1:1\/ within 60 s\n\s+at .*hook\.fixture\.ts:6:/);
      expect(failures.map((failure) => failure.reason).join('\n')).not.toContain('node_modules');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('from Playwright: each unexpected result with the last try’s error; passed, flaky and skipped ones are left out', () => {
    const spec = (title: string, status: string, message?: string) => ({
      title,
      file: 'console.spec.ts',
      line: 7,
      tests: [{ status, results: [{ error: { message: 'first try' } }, ...(message ? [{ error: { message } }] : [])] }],
    });
    const report = {
      config: { rootDir: join(projectDir, 'test/e2e') },
      suites: [
        {
          title: 'console.spec.ts',
          specs: [spec('passes', 'expected'), spec('is flaky', 'flaky', 'once')],
          suites: [{ title: 'Accounts', specs: [spec('at 320 px', 'unexpected', '\u001b[31mscrolls sideways by 9px\u001b[39m'), spec('later', 'skipped')] }],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([{ title: 'test/e2e/console.spec.ts:7 > Accounts > at 320 px', reason: 'scrolls sideways by 9px' }]);
    expect(playwrightFailures({ errors: [{ message: 'Error: no tests found' }] })).toEqual([{ title: 'Playwright', reason: 'Error: no tests found' }]);
  });

  it('prints nothing when nothing failed, and each failure indented under its title, cut to its first lines', () => {
    expect(describeFailures([])).toBe('');
    const long = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n');
    const text = describeFailures([{ title: 'a > b', reason: playwrightFailures({ errors: [{ message: long }] })[0]!.reason }]);
    expect(text).toContain('✗ a > b\n    line 1\n');
    expect(text).toContain('    line 12\n    … (18 more lines)');
    expect(text).not.toContain('line 13');
  });
});
