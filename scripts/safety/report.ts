// The clinical safety case report, drawn from the hazard log and the plan's risk
// matrix. It depends on nothing else (no dates, no test results), so the committed
// report can be compared with what the log gives, and a test fails when they differ.
import type { Control, Hazard } from './hazard-log.ts';
import { assess, likelihoods, severities, type AssessedRisk } from './risk.ts';
import type { SafetyCase } from './files.ts';

/** Inline code that survives backticks inside it. */
function code(words: string): string {
  const fence = words.includes('`') ? '``' : '`';
  return fence.length === 2 ? `${fence} ${words} ${fence}` : `${fence}${words}${fence}`;
}

const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const riskWords = (risk: AssessedRisk) => `${risk.risk} (${risk.band})`;
const kindWords = { tested: 'Tested', procedural: 'Procedural', pending: 'Pending' } as const;

function controlLines(control: Control, index: number): string[] {
  const head = `${index + 1}. **${kindWords[control.kind]}.** ${control.control}`;
  switch (control.kind) {
    case 'tested':
      return [
        head,
        '   Proven by:',
        ...control.tests.map((named) => `   - ${code(named.test)}${named.needs ? ` (runs where ${code(named.needs)} is set)` : ''}`),
      ];
    case 'procedural':
      return [head, `   The DSR team guide (README.md) says: “${control.procedure}”`];
    case 'pending':
      return [head, `   Awaiting ${control.awaiting}. The test expected: ${control.expectedTest}`];
  }
}

function hazardSection(hazard: Hazard, scale: SafetyCase['scale']): string[] {
  const initial = assess(scale, hazard.initial);
  const residual = assess(scale, hazard.residual);
  const pending = hazard.controls.filter((control) => control.kind === 'pending').length;
  return [
    `### ${hazard.id}: ${hazard.title}`,
    '',
    `**Effect.** ${hazard.effect}`,
    '',
    `**Who could be harmed.** ${capital(hazard.harmed.join('; '))}.`,
    '',
    '**Causes.**',
    '',
    ...hazard.causes.map((cause) => `- ${cause}`),
    '',
    '| | Severity | Likelihood | Risk |',
    '| --- | --- | --- | --- |',
    `| Initial (without controls) | ${capital(initial.severity)} | ${capital(initial.likelihood)} | ${riskWords(initial)} |`,
    `| Residual (with controls) | ${capital(residual.severity)} | ${capital(residual.likelihood)} | ${riskWords(residual)} |`,
    '',
    `**Why.** ${hazard.rationale}`,
    ...(pending > 0 ? ['', `**The residual risk counts on ${pending === 1 ? 'a control' : `${pending} controls`} still pending:** until ${pending === 1 ? 'it lands' : 'they land'}, the risk is higher than shown.`] : []),
    '',
    '**Controls.**',
    '',
    ...hazard.controls.flatMap((control, index) => controlLines(control, index)),
    '',
  ];
}

/** What the residual risks allow the manufacturer to claim, in words. */
function claim(residuals: { id: string; band: string }[], controls: number): string {
  const ids = (band: string) => residuals.filter((residual) => residual.band === band).map((residual) => residual.id);
  const [acceptable, undesirable, unacceptable] = [ids('acceptable'), ids('undesirable'), ids('unacceptable')];
  const known = `${residuals.length} hazards are known, with ${controls} controls.`;
  if (unacceptable.length > 0) {
    return `${known} **The residual risk of ${unacceptable.join(', ')} is unacceptable: the system must not be deployed until further controls bring it down.**`;
  }
  return [
    `${known} With the controls in place, no residual risk is unacceptable: ${acceptable.length} are acceptable`,
    undesirable.length > 0
      ? ` and ${undesirable.length} undesirable (${undesirable.join(', ')}), which the clinical safety officer may accept only where further reduction is impractical, recording why.`
      : '.',
    ' The claim rests on:',
  ].join('');
}

export function renderReport({ log, scale }: SafetyCase): string {
  const rows = log.hazards.map((hazard) => ({ hazard, initial: assess(scale, hazard.initial), residual: assess(scale, hazard.residual) }));
  const controls = log.hazards.flatMap((hazard) => hazard.controls.map((control) => ({ hazard, control })));
  const count = (kind: Control['kind']) => controls.filter(({ control }) => control.kind === kind).length;
  const tests = controls.reduce((sum, { control }) => sum + (control.kind === 'tested' ? control.tests.length : 0), 0);
  const lastReview = log.reviews.at(-1);
  const listOf = (kind: 'procedural' | 'pending') =>
    controls
      .filter(({ control }) => control.kind === kind)
      .map(({ hazard, control }) => `- ${hazard.id}: ${control.control}${control.kind === 'pending' ? ` Awaiting ${control.awaiting}.` : ''}`);

  return [
    '# Clinical safety case report: Dynamic Support Register',
    '',
    '<!-- Written by `npm run safety:report` from hazard-log.yaml and the risk matrix of',
    '     clinical-risk-management-plan.md. Do not edit it: change those, then run the command. -->',
    '',
    'The manufacturer\'s clinical safety case under DCB0129 for the Dynamic Support Register web page and',
    'the register behind it. How hazards are found, rated and reviewed is in the',
    '[clinical risk management plan](clinical-risk-management-plan.md); each hazard below is an entry of the',
    '[hazard log](hazard-log.yaml).',
    '',
    lastReview
      ? `**Status:** last reviewed on ${lastReview.date} (${lastReview.release}) by ${lastReview.reviewer}: ${lastReview.outcome}`
      : '**Status:** draft. No clinical safety officer has reviewed this hazard log yet, so this report is not a basis for deployment.',
    '',
    '## The safety claim',
    '',
    claim(rows.map((row) => ({ id: row.hazard.id, band: row.residual.band })), controls.length),
    '',
    `- ${count('tested')} controls that the system carries out, proven by ${tests} named tests. \`npm test\` fails when any of them is missing or fails (\`npm run safety:check\`);`,
    `- ${count('procedural')} controls that people carry out, each a procedure written in the README's DSR team guide (the check fails when one is not);`,
    `- ${count('pending')} controls still being built. They are reported by the check but prove nothing yet: a hazard that counts on one says so.`,
    '',
    '## Summary',
    '',
    '| Hazard | Initial risk | Residual risk | Controls: tested, procedural, pending |',
    '| --- | --- | --- | --- |',
    ...rows.map(({ hazard, initial, residual }) => {
      const kinds = (['tested', 'procedural', 'pending'] as const).map((kind) => hazard.controls.filter((control) => control.kind === kind).length);
      return `| ${hazard.id}: ${hazard.title} | ${riskWords(initial)} | ${riskWords(residual)} | ${kinds.join(', ')} |`;
    }),
    '',
    '## The risk matrix',
    '',
    'From the clinical risk management plan. Risk = the cell for the hazard\'s likelihood and severity.',
    '',
    `| Likelihood \\ Severity | ${severities.map(capital).join(' | ')} |`,
    `| --- | ${severities.map(() => '---').join(' | ')} |`,
    ...[...likelihoods].reverse().map((likelihood) => `| ${capital(likelihood)} | ${scale.matrix[likelihood].join(' | ')} |`),
    '',
    '| Risk | Band | Meaning |',
    '| --- | --- | --- |',
    ...[...scale.bands].sort((a, b) => b.risk - a.risk).map((band) => `| ${band.risk} | ${capital(band.band)} | ${band.meaning} |`),
    '',
    '## Hazards',
    '',
    ...rows.flatMap(({ hazard }) => hazardSection(hazard, scale)),
    '## Controls that are procedural',
    '',
    'These depend on people doing what the DSR team guide says; no test can prove them.',
    '',
    ...listOf('procedural'),
    '',
    '## Controls still pending',
    '',
    'Each becomes a tested control, naming its tests, when the work it awaits lands.',
    '',
    ...(count('pending') > 0 ? listOf('pending') : ['None.']),
    '',
    '## Reviews',
    '',
    ...(log.reviews.length > 0
      ? ['| Date | Release | Reviewer | Outcome |', '| --- | --- | --- | --- |', ...log.reviews.map((review) => `| ${review.date} | ${review.release} | ${review.reviewer} | ${review.outcome} |`)]
      : ['None yet. The plan says who reviews the log, and when.']),
    '',
  ].join('\n');
}
