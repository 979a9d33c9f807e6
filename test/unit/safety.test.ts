// The clinical safety case's machinery (scripts/safety/): the hazard-control check fails
// when a control is not proven, over the small log and test reports in
// test/fixtures/safety/; the real log is valid and its report is up to date.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { checkHazardControls, formatFindings, teamGuide, testsNamedIn, type CheckInput } from '../../scripts/safety/check.ts';
import { planFile, readSafetyCase, reportFile } from '../../scripts/safety/files.ts';
import { hazardLogSchema, readHazardLog } from '../../scripts/safety/hazard-log.ts';
import { addPlaywrightReport, addVitestList, addVitestReport, emptyInventory } from '../../scripts/safety/inventory.ts';
import { renderReport } from '../../scripts/safety/report.ts';
import { assess, readRiskScale } from '../../scripts/safety/risk.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const fixtures = join(projectDir, 'test/fixtures/safety');
const readJson = (file: string) => JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
const plan = readFileSync(planFile, 'utf8');

const named = {
  unit: 'test/unit/ratings.test.ts > ratings > are the four ratings, in the order RED, AMBER, GREEN, BLUE, each with its word',
  db: 'test/db/referrals.test.ts > referrals on PGlite > rules from the rules table > 18 today, AMBER',
  e2e: 'test/e2e/every-page.spec.ts > /families/ > with JavaScript off > shows its heading, the menu, the skip link and the footer',
  postgres: 'test/db/concurrency.test.ts > referrals at once on PostgreSQL > referrals for one new person arriving at once make one entry, not twins',
};

/** The fixture log checked against the fixture reports, as `npm test` would check it. */
function fixtureInput(env: Record<string, string | undefined> = {}): CheckInput {
  const inventory = emptyInventory();
  addVitestReport(inventory, readJson('vitest.json'), 'vitest.json');
  addPlaywrightReport(inventory, readJson('e2e.json'), 'e2e.json', false);
  return {
    log: readHazardLog(join(fixtures, 'hazard-log.yaml')),
    scale: readRiskScale(plan),
    readme: readFileSync(join(fixtures, 'README.md'), 'utf8'),
    dpia: readFileSync(join(fixtures, 'dpia.md'), 'utf8'),
    inventory,
    env,
  };
}

const failures = (input: CheckInput) => checkHazardControls(input).filter((finding) => finding.level === 'fail');

describe('the hazard-control check', () => {
  test('passes when every named test is in the reports and passed, and lists pending controls without failing', () => {
    const input = fixtureInput();
    const findings = checkHazardControls(input);
    expect(findings.filter((finding) => finding.level === 'fail')).toEqual([]);
    expect(findings).toContainEqual({ hazard: 'HAZ-001', level: 'pending', message: expect.stringContaining('The console will do it. (awaiting the console') });
    expect(formatFindings(input, findings)).toMatch(/^✓ HAZ-001 A fixture hazard with every kind of control: residual risk 2 \(acceptable\), 4 tests$/m);
  });

  test('fails for a named test that does not exist, naming the hazard and the test', () => {
    const input = fixtureInput();
    input.inventory.tests.delete(named.e2e);
    expect(failures(input)).toEqual([{ hazard: 'HAZ-001', level: 'fail', message: `no such test: "${named.e2e}"` }]);
    expect(formatFindings(input, checkHazardControls(input))).toMatch(/^✗ HAZ-001 /m);
  });

  test('fails for a renamed test, and suggests the closest title in its file', () => {
    const input = fixtureInput();
    const renamed = 'test/unit/ratings.test.ts > ratings > are the four ratings in order: RED, AMBER, GREEN and BLUE, each with its word';
    input.inventory.tests.delete(named.unit);
    input.inventory.tests.set(renamed, 'passed');
    const [finding, ...others] = failures(input);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ hazard: 'HAZ-001', level: 'fail' });
    expect(finding!.message).toContain(`no such test: "${named.unit}"`);
    expect(finding!.message).toContain(`Was it renamed? The closest test in that file is "${renamed}"`);
  });

  test('fails for a named test that failed or was skipped', () => {
    const input = fixtureInput();
    input.inventory.tests.set(named.db, 'failed');
    input.inventory.tests.set(named.unit, 'skipped');
    expect(failures(input).map((finding) => finding.message)).toEqual([`skipped, so it proves nothing: "${named.unit}"`, `failed: "${named.db}"`]);
  });

  test('fails for a title two tests share', () => {
    const input = fixtureInput();
    addVitestList(input.inventory, [{ file: 'test/db/referrals.test.ts', name: 'referrals on PGlite > rules from the rules table > 18 today, AMBER' }], 'a second list');
    expect(failures(input).map((finding) => finding.message)).toEqual([`two tests share the title "${named.db}": give one another title`]);
  });

  test('a test that needs TEST_DATABASE_URL is noted, not failed, where it is unset; where it is set it must have run', () => {
    const unset = checkHazardControls(fixtureInput());
    expect(unset).toContainEqual({ hazard: 'HAZ-001', level: 'note', message: `not run here (it needs TEST_DATABASE_URL): "${named.postgres}"` });
    expect(failures(fixtureInput({ TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }))).toEqual([
      { hazard: 'HAZ-001', level: 'fail', message: `skipped, so it proves nothing: "${named.postgres}"` },
    ]);
  });

  test('fails for a test the DPIA names for a measure that does not exist', () => {
    const input = fixtureInput();
    const axe = 'test/e2e/every-page.spec.ts > /families/ > has no axe violations';
    expect(testsNamedIn(input.dpia)).toEqual([axe]);
    input.inventory.tests.delete(axe);
    expect(failures(input)).toEqual([{ hazard: 'DPIA', level: 'fail', message: `no such test: "${axe}"` }]);
  });

  test('fails for a procedure the DSR team guide does not say, even when another section of the README does', () => {
    const input = fixtureInput();
    expect(teamGuide(input.readme)).toContain('Every working morning');
    input.readme = input.readme.replace('## For the DSR team', '## For the comms team');
    expect(failures(input)).toEqual([
      {
        hazard: 'HAZ-001',
        level: 'fail',
        message: `the README's DSR team guide ("## For the DSR team") does not say this procedure word for word: "Every working morning, look at the emails that could not be sent."`,
      },
    ]);
  });

  test('fails for a residual risk that is unacceptable, or higher than the initial risk', () => {
    const input = fixtureInput();
    const [first, second] = input.log.hazards;
    first!.residual = { severity: 'major', likelihood: 'high' };
    second!.initial = { severity: 'considerable', likelihood: 'low' };
    second!.residual = { severity: 'considerable', likelihood: 'medium' };
    expect(failures(input).map((finding) => `${finding.hazard}: ${finding.message}`)).toEqual([
      'HAZ-001: residual risk 4 is unacceptable: add controls until it is 3 or less',
      'HAZ-002: residual risk 3 is higher than the initial risk 2',
    ]);
  });
});

describe('the test inventory', () => {
  test('reads vitest and Playwright reports into full titles with their results', () => {
    const { inventory } = fixtureInput();
    expect(Object.fromEntries(inventory.tests)).toEqual({
      [named.unit]: 'passed',
      'test/unit/ratings.test.ts > ratings > say which ratings lead to a keyworker referral, agreeing with the eligibility rules': 'passed',
      [named.db]: 'passed',
      [named.postgres]: 'skipped',
      'test/e2e/every-page.spec.ts > /families/ > has no axe violations': 'passed',
      [named.e2e]: 'passed',
    });
  });

  test('reads the lists the runners give without running anything, and refuses a Playwright list that could not load', () => {
    const inventory = emptyInventory();
    addVitestList(inventory, [{ file: join(projectDir, 'test/unit/ratings.test.ts'), name: 'ratings > are the four ratings, in the order RED, AMBER, GREEN, BLUE, each with its word' }], 'vitest list');
    addPlaywrightReport(inventory, readJson('e2e.json'), 'playwright test --list', true);
    expect(inventory.tests.get(named.unit)).toBe('listed');
    expect(inventory.tests.get(named.e2e)).toBe('listed');
    expect(() => addPlaywrightReport(emptyInventory(), { ...readJson('e2e.json'), errors: [{ message: 'no sitemap' }] }, 'playwright test --list', true)).toThrow(/could not load its tests.*no sitemap/);
  });
});

describe('the hazard log and the risk matrix', () => {
  const fixtureLog = () => yaml.load(readFileSync(join(fixtures, 'hazard-log.yaml'), 'utf8')) as { hazards: Record<string, unknown>[] };

  test('the schema refuses a risk typed by hand, an unknown likelihood, a tested control without tests and a test named without its file', () => {
    const faults: [string, (log: { hazards: Record<string, any>[] }) => void, RegExp][] = [
      ['a typed risk', (log) => (log.hazards[0]!['residual'].risk = 2), /Unrecognized key: "risk"/],
      ['an unknown likelihood', (log) => (log.hazards[0]!['initial'].likelihood = 'rare'), /Invalid option: expected one of "very low"\|"low"\|"medium"\|"high"\|"very high"/],
      ['no tests', (log) => (log.hazards[1]!['controls'][0].tests = []), /needs at least one test/],
      ['no file', (log) => (log.hazards[1]!['controls'][0].tests = ['ratings > are the four ratings']), /must be "test\/<folder>\/<file>.test.ts > <describe> > <title>"/],
      ['a repeated id', (log) => (log.hazards[1]!['id'] = 'HAZ-001'), /HAZ-001 is used twice/],
    ];
    for (const [fault, change, message] of faults) {
      const log = fixtureLog();
      change(log);
      const parsed = hazardLogSchema.safeParse(log);
      expect(parsed.success, fault).toBe(false);
      expect(z.prettifyError(parsed.error!), fault).toMatch(message);
    }
  });

  test('every risk is the cell of the plan\'s matrix, and a matrix where more likely is less risky is refused', () => {
    const scale = readRiskScale(plan);
    expect(assess(scale, { severity: 'catastrophic', likelihood: 'very high' })).toEqual({ severity: 'catastrophic', likelihood: 'very high', risk: 5, band: 'unacceptable' });
    expect(assess(scale, { severity: 'major', likelihood: 'low' })).toMatchObject({ risk: 3, band: 'undesirable' });
    expect(assess(scale, { severity: 'minor', likelihood: 'very low' })).toMatchObject({ risk: 1, band: 'acceptable' });
    const broken = plan.replace('| High | 2 | 3 | 3 | 4 | 5 |', '| High | 2 | 1 | 3 | 4 | 5 |');
    expect(broken).not.toBe(plan);
    expect(() => readRiskScale(broken)).toThrow(/higher than a more likely or more severe cell/);
    expect(() => readRiskScale(plan.replace('<!-- risk-bands -->', ''))).toThrow(/no table marked <!-- risk-bands -->/);
  });
});

describe('the real safety case', () => {
  test('its hazard log is valid, its procedures are all in the DSR team guide, and no residual risk is unacceptable', () => {
    const safetyCase = readSafetyCase();
    const findings = checkHazardControls({ ...safetyCase, inventory: emptyInventory(), env: {} });
    // With no tests listed, only "no such test" may fail here: the tests are checked by npm test.
    expect(findings.filter((finding) => finding.level === 'fail' && !finding.message.startsWith('no such test'))).toEqual([]);
    expect(safetyCase.log.hazards.length).toBeGreaterThanOrEqual(10);
  });

  test('the committed safety case report is what `npm run safety:report` writes from the log', () => {
    expect(readFileSync(reportFile, 'utf8'), 'run `npm run safety:report` and commit docs/clinical-safety/safety-case-report.md').toBe(renderReport(readSafetyCase()));
  });
});
