import { existsSync } from 'node:fs';

/** Where Debian and Ubuntu's `chromium` package installs the browser. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a system Chromium in a container or CI: no sandbox, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium to drive: `$CHROMIUM_PATH` when it is set and exists, else the system package's
 * `/usr/bin/chromium`, else undefined so Playwright uses its own downloaded browser.
 */
export function chromiumExecutablePath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}
