// Finds the Chromium the browser tests drive. Playwright never downloads its own
// browser on its own initiative: we use the system's, and install one only where we can.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const debianChromium = '/usr/bin/chromium';

export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  return existsSync(debianChromium) ? debianChromium : undefined;
}

/** The flags every browser test launches Chromium with (headless, no network chatter). */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function internetReachable(): Promise<boolean> {
  try {
    await fetch('https://playwright.azureedge.net/', { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

/** Returns a Chromium path, installing one if this machine allows it; throws with what to install otherwise. */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s package (apt-get install -y chromium)…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    const installed = findChromium();
    if (installed) return installed;
  }
  if (await internetReachable()) {
    console.log('Chromium is missing: installing it with Playwright\'s installer…');
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    const path = execFileSync('node', ['-e', "console.log(require('playwright-core').chromium.executablePath())"]).toString().trim();
    if (existsSync(path)) return path;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install it (on Debian or Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable, then run `npm test` again.',
  );
}
