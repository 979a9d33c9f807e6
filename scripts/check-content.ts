// `npm run check:content [-- --content <folder>]`: checks every file in content/
// (or the folder given) and prints each problem in plain English: the file, the
// line or field, what is wrong and how to fix it. Exits 1 if there is any problem.
// The rules and their messages are in src/content/check/; CONTENT.md explains each one.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../src/content/check/index.ts';
import { formatProblem, formatSummary } from '../src/content/check/problems.ts';

const projectDir = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { content: { type: 'string', default: 'content' } } });
const contentDir = resolve(process.cwd(), values.content);

const { problems, filesChecked } = checkContent({ contentDir, projectDir });
for (const problem of problems) console.log(`${formatProblem(problem)}\n`);
console.log(formatSummary(problems, filesChecked));
process.exitCode = problems.some((problem) => !problem.warning) ? 1 : 0;
