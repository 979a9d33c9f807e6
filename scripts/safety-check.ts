// `npm run safety:check [-- --from-reports]`: is every control of the hazard log proven?
// Each named test must exist (and, from the reports of the last `npm test`, have passed);
// each procedure must be in the README's DSR team guide; no residual risk may be
// unacceptable. Pending controls are listed without failing. Exits 1 on any problem.
// On its own it lists the tests (vitest list, playwright test --list: the site must be
// built); `npm test` runs it with --from-reports, so no test is run twice.
import { parseArgs } from 'node:util';
import { checkHazardControls, formatFindings } from './safety/check.ts';
import { readSafetyCase } from './safety/files.ts';
import { readInventory } from './safety/inventory.ts';

export function safetyCheck(from: 'reports' | 'lists'): boolean {
  const input = { ...readSafetyCase(), inventory: readInventory(from), env: process.env };
  const findings = checkHazardControls(input);
  console.log(formatFindings(input, findings));
  return !findings.some((finding) => finding.level === 'fail');
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'from-reports': { type: 'boolean', default: false } } });
  try {
    process.exitCode = safetyCheck(values['from-reports'] ? 'reports' : 'lists') ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
