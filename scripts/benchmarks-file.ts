// Writes one section of BENCHMARKS.md, replacing the section's earlier figures and
// keeping every other section: each benchmark can run alone.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(fileURLToPath(new URL('..', import.meta.url)), 'BENCHMARKS.md');
const heading = '# Benchmarks\n\nEvery figure here was written by the command beside it. Rerun the command to refresh it.\n';

export function machine(): string {
  const cores = cpus().length;
  const memory = Math.round(totalmem() / 1024 ** 3);
  return `${cores} cores, ${memory} GiB memory, Node ${process.versions.node}`;
}

export async function writeBenchmarkSection(title: string, command: string, body: string): Promise<void> {
  let text = heading;
  try {
    text = await readFile(file, 'utf8');
  } catch {}
  const date = new Date().toISOString().slice(0, 10);
  const section = `## ${title}\n\nCommand: \`${command}\` · Date: ${date} · Machine: ${machine()}\n\n${body.trim()}\n`;
  const pattern = new RegExp(`## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`;
  await writeFile(file, text.endsWith('\n') ? text : text + '\n');
}
