// Reading the built site (dist/) as files: its pages, the words a reader sees on
// them, and the Nu HTML Checker's verdict on all of them in one run of one JVM.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../scripts/database.ts';

/** Every file under `dir`, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => join(dir, path))
    .filter((path) => statSync(path).isFile());
}

/** The site's address for a built HTML file: dist/about/index.html is /about/, dist/404.html is /404.html. */
export function routeOf(outDir: string, file: string): string {
  const path = `/${relative(outDir, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** Every built page (the search index's own files left out). */
export function builtPages(outDir: string): string[] {
  return filesUnder(outDir).filter((path) => path.endsWith('.html') && !path.includes(`${sep}pagefind${sep}`));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words a reader sees in the page's <main>: tags, scripts, styles and hidden templates left out. */
export function visibleWords(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? html;
  return main
    .replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(p|li|h[1-6]|dt|dd|div|tr|section)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith('#') ? String.fromCodePoint(Number.parseInt(name.slice(name[1] === 'x' ? 2 : 1), name[1] === 'x' ? 16 : 10)) : (entities[name] ?? whole),
    )
    .replace(/[ \t]+/g, ' ');
}

export interface NuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

const vnuJar = join(projectRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

/**
 * The Nu HTML Checker's errors for these files (warnings and info left out), all
 * checked by one JVM. Needs Java 11 or later (`java` on the PATH, or JAVA_HOME).
 */
export async function nuHtmlCheckerErrors(files: string[]): Promise<NuMessage[]> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let output: string;
  try {
    const result = await promisify(execFile)(java, ['-jar', vnuJar, '--errors-only', '--format', 'json', '--stdout', ...files], { maxBuffer: 64 * 1024 * 1024 });
    output = result.stdout;
  } catch (error) {
    // vnu exits 1 when it finds errors; its report is still on stdout.
    const failed = error as { stdout?: string; code?: unknown; message: string };
    if (typeof failed.stdout !== 'string' || failed.stdout.trim() === '') {
      throw new Error(`The Nu HTML Checker could not run (${failed.message}). It needs Java: on Debian, apt-get install -y default-jre-headless.`);
    }
    output = failed.stdout;
  }
  const report = JSON.parse(output) as { messages: NuMessage[] };
  return report.messages.filter((message) => message.type === 'error' || (message.type === 'non-document-error'));
}

/** The project's own copy of a built file's text. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
