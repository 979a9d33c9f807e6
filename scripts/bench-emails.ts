// `npm run bench:emails [-- --write]`: what drawing the emails costs. Every referral
// sends two (the team's and the referrer's receipt), drawn from their templates after
// the response, in the request's waitUntil, whose CPU time counts against the worker's:
// this measures that CPU time per referral, and per kind of email. The templates are
// bundled with esbuild as the worker bundles them, and run on Node's V8, the engine
// workerd runs too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { projectRoot } from './database.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';

const rounds = 2_000;
const warmUp = 300;

const folder = await mkdtemp(join(tmpdir(), 'dsr-bench-emails-'));
try {
  const bundle = join(folder, 'emails.mjs');
  await build({
    stdin: {
      contents: `export { drawOutboxEmail, outboxTemplates } from './src/server/emails/index.ts'; export { emailSamples } from './test/support/email-samples.ts';`,
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'workerd', 'import'],
    jsx: 'automatic',
    outfile: bundle,
    logLevel: 'error',
    external: ['node:*'],
  });
  const { drawOutboxEmail, outboxTemplates, emailSamples } = (await import(pathToFileURL(bundle).href)) as typeof import('../src/server/emails/index.ts') & typeof import('../test/support/email-samples.ts');
  const site = { siteUrl: 'https://dsr.example.nhs.uk' };

  /** CPU milliseconds per call of `work`, after warming up. */
  const cpuPerCall = (work: () => void) => {
    for (let i = 0; i < warmUp; i++) work();
    const started = process.cpuUsage();
    for (let i = 0; i < rounds; i++) work();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / rounds;
  };

  const firstStarted = process.cpuUsage();
  drawOutboxEmail('referral_team', emailSamples.referral_team!, site);
  const first = process.cpuUsage(firstStarted);

  const referral = cpuPerCall(() => {
    drawOutboxEmail('referral_team', emailSamples.referral_team!, site);
    drawOutboxEmail('referral_receipt', emailSamples.referral_receipt!, site);
  });
  const kinds = outboxTemplates.map((template) => [template.kind, cpuPerCall(() => drawOutboxEmail(template.kind, emailSamples[template.kind]!, site))] as const);

  const ms = (value: number) => value.toFixed(3);
  const body = [
    `Drawing a referral's two emails (the team's and the receipt, HTML and text each): **${ms(referral)} ms CPU** per referral, the mean of ${rounds.toLocaleString('en-GB')} after ${warmUp} to warm up. The first email drawn in a fresh isolate took ${ms((first.user + first.system) / 1000)} ms.`,
    '',
    '| email | CPU per email (ms) |',
    '| --- | ---: |',
    ...kinds.map(([kind, cost]) => `| \`${kind}\` | ${ms(cost)} |`),
    '',
    'The templates are bundled by esbuild for the worker (the `worker` export conditions) and run on Node’s V8 here: workerd does not let a worker read a timer fine enough to measure this itself.',
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) await writeBenchmarkSection('Emails', 'npm run bench:emails -- --write', body);
} finally {
  await rm(folder, { recursive: true, force: true });
}
