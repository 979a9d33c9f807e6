// What `npm run check:content` reports: one problem per fault, each naming the
// file, where in it, what is wrong and how to put it right, in plain English.

/** Every kind of problem, so CONTENT.md can explain each one and tests can look for it. */
export const problemCodes = [
  'file-missing',
  'file-not-used',
  'json-syntax',
  'front-matter-missing',
  'front-matter-syntax',
  'field-missing',
  'field-wrong-type',
  'field-wrong-value',
  'field-unknown',
  'data-inconsistent',
  'markdown-syntax',
  'heading-h1',
  'heading-skipped',
  'unknown-component',
  'image-alt-missing',
  'image-missing',
  'link-text-vague',
  'link-broken',
  'link-no-slash',
  'route-taken',
  'easy-read-sentence-too-long',
  'easy-read-average-too-long',
  'easy-read-no-picture',
  'easy-read-italics',
  'easy-read-hard-word',
  'easy-read-raw-html',
  'wording-not-true',
  'wording-unexplained',
  'wording-easy-read',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  code: ProblemCode;
  /** The file, as a path from the project folder, e.g. content/pages/about.md. */
  file: string;
  /** The line in the file, counting from 1, when the problem is on one line. */
  line?: number | undefined;
  /** The front-matter or data field, e.g. `title` or `the entry "amber", field mustHappen`. */
  field?: string | undefined;
  /** Where the file is in the browser editor (/admin/), e.g. `Pages › About the DSR (/about/)`. */
  where?: string | undefined;
  /** What is wrong. */
  message: string;
  /** How to put it right. */
  fix: string;
  /** Warnings are reported but do not fail the check. */
  warning?: boolean;
}

/** One problem as an editor reads it in the terminal. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line ? `line ${problem.line}` : undefined].filter(Boolean).join(', ');
  const label = problem.warning ? 'Warning' : 'Problem';
  return [
    `${label} in ${where}`,
    problem.where ? `  In the browser editor: ${problem.where}` : undefined,
    problem.field ? `  Field: ${problem.field}` : undefined,
    `  ${problem.message}`,
    `  How to fix it: ${problem.fix}`,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

/** The closing line: how many problems, in how many files. */
export function formatSummary(problems: readonly Problem[], filesChecked: number): string {
  const errors = problems.filter((problem) => !problem.warning);
  const warnings = problems.length - errors.length;
  const warningText = warnings ? `, and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '';
  if (errors.length === 0) return `check:content: ${filesChecked} files checked, no problems${warningText}.`;
  const files = new Set(errors.map((problem) => problem.file)).size;
  return `check:content: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}${warningText}. The site will not be published until they are fixed.`;
}
