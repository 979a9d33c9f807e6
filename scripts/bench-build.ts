// `npm run bench:build`: 1,000 synthetic guidance pages added to a temporary copy
// of the project (never to content/), then `astro build` + `pagefind` timed, with
// pages per second and peak memory. The built copy stays in the system's temporary
// folder for `npm run bench:search`.
import { cp, mkdir, rm, symlink, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './database.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';

export const syntheticPageCount = 1000;
export const benchProject = join(tmpdir(), 'dsr-bench-1000-pages');
export const benchSite = join(benchProject, 'dist');

// Words from the site's own subject, so the search index is the size a real one would be.
const vocabulary = (
  'register rating red amber green blue keyworker review treatment care education hospital admission ' +
  'family carer advocate consent capacity decision referral pathway support community crisis plan ' +
  'autism learning disability young person adult child school college housing social worker nurse ' +
  'commissioner meeting agency risk early help home team health council local area multi-agency'
).split(' ');

function syntheticPage(n: number): string {
  let seed = n * 7919;
  const word = () => vocabulary[(seed = (seed * 1103515245 + 12345) % 2147483648) % vocabulary.length];
  const sentence = () => {
    const words = Array.from({ length: 12 }, word).join(' ');
    return words.charAt(0).toUpperCase() + words.slice(1) + '.';
  };
  const section = (i: number) => `## Section ${i} of page ${n}\n\n${Array.from({ length: 6 }, sentence).join(' ')}\n`;
  return `---
title: Synthetic guidance page ${n}
description: A generated page for the build benchmark, number ${n}.
reviewed: 2026-11-25
reviewDue: 2027-11-25
---

${Array.from({ length: 5 }, (_, i) => section(i + 1)).join('\n')}`;
}

/** Runs a project tool in the copy under GNU time; returns seconds and peak memory (MiB). */
function timed(tool: string, args: string[]): Promise<{ seconds: number; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let stderr = '';
    const child = spawn('/usr/bin/time', ['-f', 'peak-kb=%M', join(projectRoot, 'node_modules', '.bin', tool), ...args], {
      cwd: benchProject,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', OUT_DIR: benchSite },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${tool} failed:\n${stderr.slice(-2000)}`));
      const peak = Number(/peak-kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peak / 1024 });
    });
  });
}

export async function buildSyntheticSite() {
  await rm(benchProject, { recursive: true, force: true });
  await mkdir(benchProject, { recursive: true });
  for (const entry of ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(join(projectRoot, entry), join(benchProject, entry), { recursive: true });
  }
  await symlink(join(projectRoot, 'node_modules'), join(benchProject, 'node_modules'));
  const folder = join(benchProject, 'content', 'pages', 'synthetic');
  await mkdir(folder, { recursive: true });
  for (let n = 1; n <= syntheticPageCount; n++) await writeFile(join(folder, `page-${n}.md`), syntheticPage(n));
  // Every page needs a page above it: its breadcrumbs are made from the pages above it.
  await writeFile(join(folder, 'index.md'), syntheticPage(0).replace('Synthetic guidance page 0', 'Synthetic guidance'));
  const astro = await timed('astro', ['build']);
  const pagefind = await timed('pagefind', ['--site', benchSite]);
  const built = (await readdir(join(benchSite, 'synthetic'))).filter((entry) => entry.startsWith('page-')).length;
  return { astro, pagefind, built };
}

if (import.meta.main) {
  const { astro, pagefind, built } = await buildSyntheticSite();
  if (built !== syntheticPageCount) throw new Error(`Expected ${syntheticPageCount} synthetic pages, found ${built}`);
  const total = astro.seconds + pagefind.seconds;
  const table = [
    '| step | time (s) | peak memory (MiB) |',
    '| --- | ---: | ---: |',
    `| astro build | ${astro.seconds.toFixed(1)} | ${astro.peakMiB.toFixed(0)} |`,
    `| pagefind | ${pagefind.seconds.toFixed(1)} | ${pagefind.peakMiB.toFixed(0)} |`,
    `| **both** | **${total.toFixed(1)}** | ${Math.max(astro.peakMiB, pagefind.peakMiB).toFixed(0)} |`,
    '',
    `${syntheticPageCount} synthetic guidance pages plus the site's own: **${(syntheticPageCount / total).toFixed(0)} pages a second** for build and index together.`,
  ].join('\n');
  console.log(table);
  await writeBenchmarkSection('Build', 'npm run bench:build', table);
  if (!existsSync(join(benchSite, 'pagefind'))) process.exit(1);
}
