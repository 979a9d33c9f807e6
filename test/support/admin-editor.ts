// Driving the browser editor (/admin/) without GitHub and without network, for the
// browser tests and bench:admin. The editor runs exactly as built, on Sveltia CMS's
// test back end: the files it reads and writes live in the browser's private file
// system (OPFS, folder sveltia-cms-test), which these helpers fill from a copy of
// content/ and read back, so the repository's own files are never touched.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { projectRoot } from '../../scripts/database.ts';

/** Where Sveltia CMS's test back end keeps its files in the browser's private file system. */
const testRepositoryFolder = 'sveltia-cms-test';

/**
 * Serves /admin/config.json as built, except that it saves to the test back end
 * (which has only the simple workflow) instead of GitHub pull requests.
 */
export async function useTestBackend(page: Page): Promise<void> {
  await page.route(/\/admin\/config\.json(\?|$)/, async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    config['backend'] = { name: 'test-repo' };
    delete config['publish_mode'];
    await route.fulfill({ response, json: config });
  });
}

/** Every file of a folder, by its path from the project: { "content/ratings.json": "[…" }. */
export function filesUnder(projectDir: string, folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of readdirSync(join(projectDir, folder), { recursive: true, encoding: 'utf8' })) {
    const full = join(projectDir, folder, path);
    try {
      files[relative(projectDir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    } catch {
      // a folder
    }
  }
  return files;
}

/** Puts files into the editor's test repository; call on a page of the site's origin. */
export async function seedTestRepository(page: Page, files: Record<string, string>): Promise<void> {
  await page.evaluate(
    async ({ folder, files }) => {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(folder, { recursive: true }).catch(() => undefined);
      const top = await root.getDirectoryHandle(folder, { create: true });
      for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        let directory = top;
        for (const part of parts.slice(0, -1)) directory = await directory.getDirectoryHandle(part, { create: true });
        const writable = await (await directory.getFileHandle(parts.at(-1)!, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    },
    { folder: testRepositoryFolder, files },
  );
}

/** Reads files back from the editor's test repository. */
export async function readTestRepository(page: Page, paths: string[]): Promise<Record<string, string>> {
  return page.evaluate(
    async ({ folder, paths }) => {
      const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
      const files: Record<string, string> = {};
      for (const path of paths) {
        const parts = path.split('/');
        let directory = top;
        for (const part of parts.slice(0, -1)) directory = await directory.getDirectoryHandle(part);
        files[path] = await (await (await directory.getFileHandle(parts.at(-1)!)).getFile()).text();
      }
      return files;
    },
    { folder: testRepositoryFolder, paths },
  );
}

/** Opens /admin/, signing in to the test back end unless still signed in: the editor lists its collections. */
export async function openEditor(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  const signIn = page.getByRole('button', { name: 'Work with Test Repository' });
  const collections = page.getByText('Facts and lists', { exact: true }).first();
  await signIn.or(collections).first().waitFor();
  if (await signIn.isVisible()) await signIn.click();
  await collections.waitFor();
}

/** The preview pane beside the fields: a frame of its own, drawn with the site's stylesheets. */
export const previewOf = (page: Page): FrameLocator => page.locator('iframe').last().contentFrame();

/** A temporary copy of the project (its node_modules shared) to check and build edited content in. */
export function copyProject(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-admin-'));
  for (const entry of ['src', 'content', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
