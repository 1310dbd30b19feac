/**
 * Browser test tools: finding Debian's Chromium, building the web app when its build is missing
 * or stale, screenshots at desktop and phone widths, and an axe-core accessibility check.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(root, 'test/artifacts/screenshots');

/** Chromium's path and, when it is missing, why the browser tests cannot run. */
export function findChromium(): { path: string; missing: string | null } {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return { path, missing: null };
  const origin = process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : 'the default path';
  return {
    path,
    missing: `no Chromium at ${path} (${origin}); install Debian's chromium or set CHROMIUM_PATH`,
  };
}

export { ensureWebBuild } from '../../scripts/build-web';

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 360, height: 780 };

/** Time for the AppShell's navbar transition (Mantine's default is 200 ms) after a resize. */
const layoutSettleMs = 400;

/**
 * Saves full-page screenshots of the current screen at 1280 and 360 px wide, and returns the
 * page's horizontal overflow in CSS pixels at 360 px (0 when nothing is cut off to the right).
 */
export async function screenshotBoth(page: Page, name: string): Promise<number> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.setViewportSize(desktop);
  await page.waitForTimeout(layoutSettleMs);
  await page.screenshot({ path: join(screenshotDir, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(phone);
  await page.waitForTimeout(layoutSettleMs);
  await page.screenshot({ path: join(screenshotDir, `${name}-360.png`), fullPage: true });
  // The root tsconfig has no DOM types, so code run in the page is passed as a string.
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  await page.setViewportSize(desktop);
  await page.waitForTimeout(layoutSettleMs);
  return overflow;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/** Runs axe-core's WCAG 2.1 A and AA rules on the page and returns serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const options = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  };
  const results = await page.evaluate<AxeResults>(`axe.run(${JSON.stringify(options)})`);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map(
        (node) => `${node.target.map(String).join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    }));
}

/** Flags for headless Chromium here: no sandbox as root, and no calls to Google's services. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  page: Page;
  /** Closes Chromium and removes its profile directory. */
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile, in Malay and Malaysian time, and returns its first page. */
export async function openBrowser(executablePath: string): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'khidmat-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
    locale: 'ms-MY',
    timezoneId: 'Asia/Kuala_Lumpur',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The first screen after sign-in loads its lazy chunks into a cold Chromium. In CI, with another
  // test file loading both cores, that took over 40 s, so a wait may last up to 90 s.
  page.setDefaultTimeout(90_000);
  return {
    page,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
