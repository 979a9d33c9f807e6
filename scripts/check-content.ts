// `npm run check:content [-- --content <folder>]`: checks every file in content/
// (or the folder given) and prints each problem in plain English: the file, where
// it is in the browser editor, the line or field, what is wrong and how to fix it.
// Exits 1 if there is any problem. The build runs the same check first (build.ts),
// so a broken edit is never published. The rules and their messages are in
// src/content/check/; CONTENT.md explains each one.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../src/content/check/index.ts';
import { formatProblem, formatSummary } from '../src/content/check/problems.ts';

const projectDir = resolve(import.meta.dirname, '..');

/** Checks a content folder and prints what it finds; true when nothing stops publishing. */
export function checkAndReport(contentDir: string): boolean {
  const { problems, filesChecked } = checkContent({ contentDir, projectDir });
  for (const problem of problems) console.log(`${formatProblem(problem)}\n`);
  console.log(formatSummary(problems, filesChecked));
  return !problems.some((problem) => !problem.warning);
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { content: { type: 'string', default: 'content' } } });
  process.exitCode = checkAndReport(resolve(process.cwd(), values.content)) ? 0 : 1;
}
