import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// WXT's output folders: `wxt build` → chrome-mv3, `wxt build -b firefox` → firefox-mv2 (WXT's Firefox default).
export const chromeBuildDir = path.join(repoRoot, '.output/chrome-mv3');
export const firefoxBuildDir = path.join(repoRoot, '.output/firefox-mv2');

export const gmailFixtureDir = path.join(repoRoot, 'test/fixtures/gmail');

// Debian's packages, never a browser build downloaded by a test tool: CI has no network for that.
export const chromiumPath = '/usr/bin/chromium';
export const firefoxPath = '/usr/bin/firefox-esr';

/** The built extension folder, or an error saying how to build it. */
export function requireBuild(dir: string): string {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${path.relative(repoRoot, dir)}/. ` +
        'Run `npm run build` first (it writes .output/chrome-mv3 and .output/firefox-mv2); e2e tests load the production build.',
    );
  }
  return dir;
}

/** The browser executable, or an error saying how to install it. */
export function requireBrowser(executable: string): string {
  if (!existsSync(executable)) {
    throw new Error(`${executable} is missing. Run \`bash test/install-browsers.sh\` (Debian packages chromium, firefox-esr).`);
  }
  return executable;
}
