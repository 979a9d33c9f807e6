// A vitest reporter that writes every failure of the run, with its error, to
// test-results/vitest-failures.json for `npm test` to print again at its end
// (test-failures.ts). Unlike vitest's JSON report it keeps the errors of a file that
// would not load and of a beforeAll or afterAll hook, whose tests are only "skipped".
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule, TestSuite } from 'vitest/node';
import { vitestFailuresReport } from './test-suites.ts';
import { fromRoot, shorten, type Failure } from './test-failures.ts';

interface ErrorLike {
  message?: string;
  stack?: string;
  name?: string;
}

const reasonOf = (errors: ReadonlyArray<ErrorLike>) =>
  shorten(errors.map((error) => error.stack || `${error.name ?? 'Error'}: ${error.message ?? ''}`).join('\n'));

export default class VitestFailures implements Reporter {
  /** `file`: where to write; the report `npm test` reads unless a test says otherwise. */
  constructor(private readonly options: { file?: string } = {}) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<ErrorLike>) {
    const failures: Failure[] = [];
    for (const module of modules) {
      const file = fromRoot(module.moduleId);
      const suites: (TestModule | TestSuite)[] = [module, ...module.children.allSuites()];
      for (const suite of suites) {
        const errors = suite.errors();
        if (errors.length === 0) continue;
        const title = suite.type === 'module' ? file : `${file} > ${suite.fullName}`;
        failures.push({ title, reason: reasonOf(errors) });
      }
      for (const test of module.children.allTests('failed')) {
        failures.push({ title: `${file} > ${test.fullName}`, reason: reasonOf(test.result().errors ?? []) });
      }
    }
    if (unhandledErrors.length > 0) failures.push({ title: 'Errors outside any test', reason: reasonOf(unhandledErrors) });
    const file = this.options.file ?? vitestFailuresReport;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(failures, null, 2));
  }
}
