// `npm run bench`: every benchmark in turn, each writing its own section of
// BENCHMARKS.md. Each part also runs alone (`npm run bench:<part>`). A part that
// fails, or whose figures miss a goal, is reported at the end; the others still run.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { build, isBuildStale } from './build.ts';
import { projectRoot } from './database.ts';

interface Part {
  script: string;
  args?: string[];
  /** Work the part needs first. */
  before?(): Promise<boolean>;
}

const parts: Part[] = [
  { script: 'bench:build' },
  // Page weight is measured on the site's own build (dist/, or OUT_DIR), built first when stale.
  { script: 'bench:pages', before: async () => !isBuildStale() || build() },
  // Search uses the 1,000-page build that bench:build leaves behind.
  { script: 'bench:search' },
  { script: 'bench:db', args: ['--write'] },
  { script: 'bench:emails', args: ['--write'] },
  { script: 'bench:submissions' },
];

function npmRun(script: string, args: string[] = []): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], { cwd: projectRoot, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const outcomes: string[] = [];
for (const part of parts) {
  // Other work on the machine changes every figure: say how busy it was.
  console.log(`\n── npm run ${part.script} (load average ${loadavg().map((n) => n.toFixed(1)).join(', ')})\n`);
  const ready = part.before ? await part.before() : true;
  const code = ready ? await npmRun(part.script, part.args) : 1;
  outcomes.push(`${code === 0 ? 'ok    ' : 'FAILED'} npm run ${part.script}${ready ? '' : ' (could not build what it needs)'}`);
}
console.log(`\n${outcomes.join('\n')}\n\nFigures are in BENCHMARKS.md.`);
process.exit(outcomes.some((line) => line.startsWith('FAILED')) ? 1 : 0);
