// Makes sure Playwright has a Chromium to drive before the browser tests run: $CHROMIUM_PATH,
// the system package's /usr/bin/chromium, or Playwright's own download. When none is there it
// tries `playwright install chromium` (needs internet) and otherwise says what to install.
// Keep the lookup order in step with e2e/browser.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function findBrowser() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    console.warn(`[ensure-browser] CHROMIUM_PATH=${configured} does not exist; looking elsewhere`);
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core throws when it knows no browser for this platform.
  }
  return null;
}

const found = findBrowser();
if (found) {
  console.log(`[ensure-browser] using Chromium at ${found}`);
  process.exit(0);
}

console.log('[ensure-browser] no Chromium found; trying `playwright install chromium`…');
const playwrightBin = path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'playwright');
const install = spawnSync(playwrightBin, ['install', 'chromium'], { stdio: 'inherit' });
if (install.status === 0 && findBrowser()) process.exit(0);

console.error(`
[ensure-browser] The browser tests need Chromium, and none could be found or downloaded.
Install one of:
  - Debian/Ubuntu:  sudo apt-get install chromium      (provides ${SYSTEM_CHROMIUM})
  - any system:     npx playwright install chromium    (needs access to Playwright's CDN)
or point CHROMIUM_PATH at an existing Chromium or Chrome binary, e.g.
  CHROMIUM_PATH=/path/to/chrome npm test
`);
process.exit(1);
