// `npm run safety:report`: writes docs/clinical-safety/safety-case-report.md from the
// hazard log and the plan's risk matrix. Commit the result: a unit test fails when the
// committed report differs from what the log gives.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { projectRoot } from './database.ts';
import { readSafetyCase, reportFile } from './safety/files.ts';
import { renderReport } from './safety/report.ts';

try {
  writeFileSync(reportFile, renderReport(readSafetyCase()));
  console.log(`Wrote ${relative(projectRoot, reportFile)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
