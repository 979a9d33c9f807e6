// The hazard-control check: every control the safety case relies on is proven.
// A tested control's tests must exist (exactly once) and, where the inventory has
// results, have passed; a procedural control's procedure must be in the README's
// DSR team guide; no residual risk may be unacceptable. Pending controls are reported
// and do not fail. The tests the DPIA names for its measures (as `test/… > …` code
// spans) must exist too. The function is pure: the caller reads the files and the tests.
import type { Control, Hazard, HazardLog, NamedTest } from './hazard-log.ts';
import { assess, type RiskScale } from './risk.ts';
import type { TestInventory } from './inventory.ts';

export interface Finding {
  hazard: string;
  /** "fail" stops the check; "pending" and "note" are only reported. */
  level: 'fail' | 'pending' | 'note';
  message: string;
}

export interface CheckInput {
  log: HazardLog;
  scale: RiskScale;
  /** README.md, whose "For the DSR team" section must say each procedure. */
  readme: string;
  /** docs/dpia.md, whose measures name tests as code spans. */
  dpia: string;
  inventory: TestInventory;
  /** The environment, for tests that need a variable (TEST_DATABASE_URL) to run. */
  env: Record<string, string | undefined>;
}

/** The heading of the README section the procedures must be in. */
export const teamGuideHeading = '## For the DSR team';

/** The README's DSR team guide: from its heading to the next heading of the same level. */
export function teamGuide(readme: string): string {
  const start = readme.indexOf(`\n${teamGuideHeading}\n`);
  if (start < 0) return '';
  const end = readme.indexOf('\n## ', start + teamGuideHeading.length + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Words as a reader sees them: line breaks and runs of spaces are one space. */
const flat = (words: string) => words.replace(/\s+/g, ' ').trim();

/** The title in the same file that shares most words with a missing one: most likely what it was renamed to. */
function closestTitle(missing: string, inventory: TestInventory): string | undefined {
  const [file] = missing.split(' > ');
  const words = (title: string) => new Set(title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const wanted = words(missing);
  let best: { title: string; score: number } | undefined;
  for (const title of inventory.tests.keys()) {
    if (!title.startsWith(`${file} > `)) continue;
    const theirs = words(title);
    const shared = [...wanted].filter((word) => theirs.has(word)).length;
    const score = shared / new Set([...wanted, ...theirs]).size;
    if (!best || score > best.score) best = { title, score };
  }
  return best && best.score >= 0.5 ? best.title : undefined;
}

function checkTest(named: NamedTest, inventory: TestInventory, env: CheckInput['env']): Omit<Finding, 'hazard'> | undefined {
  const status = inventory.tests.get(named.test);
  const unset = named.needs !== undefined && !env[named.needs];
  if (status === undefined || (status === 'skipped' && unset)) {
    if (unset) return { level: 'note', message: `not run here (it needs ${named.needs}): "${named.test}"` };
    const renamed = closestTitle(named.test, inventory);
    return {
      level: 'fail',
      message: `no such test: "${named.test}"${renamed ? `\n      Was it renamed? The closest test in that file is "${renamed}"` : ''}`,
    };
  }
  if (inventory.ambiguous.has(named.test)) return { level: 'fail', message: `two tests share the title "${named.test}": give one another title` };
  if (status === 'failed') return { level: 'fail', message: `failed: "${named.test}"` };
  if (status === 'skipped') return { level: 'fail', message: `skipped, so it proves nothing: "${named.test}"` };
  return undefined;
}

function checkControl(control: Control, input: CheckInput): Omit<Finding, 'hazard'>[] {
  switch (control.kind) {
    case 'tested':
      return control.tests.flatMap((named) => checkTest(named, input.inventory, input.env) ?? []);
    case 'procedural':
      return flat(teamGuide(input.readme)).includes(flat(control.procedure))
        ? []
        : [{ level: 'fail', message: `the README's DSR team guide ("${teamGuideHeading}") does not say this procedure word for word: "${control.procedure}"` }];
    case 'pending':
      return [{ level: 'pending', message: `${control.control} (awaiting ${control.awaiting}; expected test: ${control.expectedTest})` }];
  }
}

function checkHazard(hazard: Hazard, input: CheckInput): Finding[] {
  const findings: Omit<Finding, 'hazard'>[] = [];
  const initial = assess(input.scale, hazard.initial);
  const residual = assess(input.scale, hazard.residual);
  if (residual.band === 'unacceptable') {
    findings.push({ level: 'fail', message: `residual risk ${residual.risk} is unacceptable: add controls until it is 3 or less` });
  }
  if (residual.risk > initial.risk) {
    findings.push({ level: 'fail', message: `residual risk ${residual.risk} is higher than the initial risk ${initial.risk}` });
  }
  for (const control of hazard.controls) findings.push(...checkControl(control, input));
  return findings.map((finding) => ({ hazard: hazard.id, ...finding }));
}

/** Where the DPIA's findings are filed. */
export const dpiaName = 'DPIA';

/** The tests a Markdown document names, as code spans: `test/db/x.test.ts > describe > title`. */
export function testsNamedIn(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/`(test\/[^`\s]+\.(?:test|spec)\.ts > [^`]+)`/g)].map((match) => match[1]!))];
}

export function checkHazardControls(input: CheckInput): Finding[] {
  const dpiaFindings = testsNamedIn(input.dpia).flatMap((test) => checkTest({ test, needs: undefined }, input.inventory, input.env) ?? []);
  return [...input.log.hazards.flatMap((hazard) => checkHazard(hazard, input)), ...dpiaFindings.map((finding) => ({ hazard: dpiaName, ...finding }))];
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What the check prints: a line per hazard, then what is wrong or pending under it. */
export function formatFindings(input: CheckInput, findings: Finding[]): string {
  const lines: string[] = [];
  const mark = { fail: '✗', pending: '…', note: '·' } as const;
  for (const hazard of input.log.hazards) {
    const residual = assess(input.scale, hazard.residual);
    const tests = hazard.controls.reduce((sum, control) => sum + (control.kind === 'tested' ? control.tests.length : 0), 0);
    const own = findings.filter((finding) => finding.hazard === hazard.id);
    const failed = own.some((finding) => finding.level === 'fail');
    lines.push(`${failed ? '✗' : '✓'} ${hazard.id} ${hazard.title}: residual risk ${residual.risk} (${residual.band}), ${plural(tests, 'test')}`);
    for (const finding of own) lines.push(`    ${mark[finding.level]} ${finding.message}`);
  }
  const dpiaOwn = findings.filter((finding) => finding.hazard === dpiaName);
  lines.push(`${dpiaOwn.length > 0 ? '✗' : '✓'} ${dpiaName}: the measures of docs/dpia.md name ${plural(testsNamedIn(input.dpia).length, 'test')}`);
  for (const finding of dpiaOwn) lines.push(`    ${mark[finding.level]} ${finding.message}`);
  const count = (level: Finding['level']) => findings.filter((finding) => finding.level === level).length;
  lines.push(
    '',
    `Tests from: ${input.inventory.sources.join(', ')}`,
    `${input.log.hazards.length} hazards: ${plural(count('fail'), 'problem')}, ${plural(count('pending'), 'control')} pending, ${plural(count('note'), 'named test')} not run here`,
  );
  return lines.join('\n');
}
