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
import { testPassword } from '../helpers/factories';

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

/** The recent events of each open page, for the failure report below. */
const openPages = new Map<Page, string[]>();

/** Events kept per page: enough to cover one test's last screens. */
const eventsKept = 120;

/**
 * Saves a screenshot of each open page under test/artifacts/failures and prints on stderr its
 * address, its recent events (requests, responses, address changes, errors) and the start of its
 * visible text, so a failed wait shows what the screen showed instead.
 */
export async function reportFailure(testName: string): Promise<void> {
  const dir = join(root, 'test/artifacts/failures');
  mkdirSync(dir, { recursive: true });
  const slug = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  let index = 0;
  for (const [page, events] of openPages) {
    index += 1;
    const lines = [`"${testName}" failed at ${page.url()}`, ...events.map((event) => `  ${event}`)];
    try {
      const path = join(dir, `${slug}-${index}.png`);
      await page.screenshot({ path, fullPage: true, timeout: 10_000 });
      const text = await page.evaluate<string>('document.body.innerText');
      lines.push(
        `screenshot: ${path}`,
        `visible text: ${text.replace(/\s+/g, ' ').slice(0, 1_500)}`,
      );
    } catch (error) {
      lines.push(`no screenshot: ${String(error)}`);
    }
    process.stderr.write(lines.map((line) => `[browser] ${line}\n`).join(''));
  }
}

/**
 * Records what a failing browser test would otherwise hide: requests and their responses, address
 * changes, uncaught errors and console errors. A renderer crash and an uncaught error are also
 * printed on stderr at once.
 */
function watchPage(page: Page): void {
  const events: string[] = [];
  openPages.set(page, events);
  const started = Date.now();
  const record = (event: string) => {
    events.push(`+${((Date.now() - started) / 1000).toFixed(1)} s ${event}`);
    if (events.length > eventsKept) events.shift();
  };
  const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
  page.on('crash', () => {
    record('crash');
    process.stderr.write(`[browser] page crashed at ${page.url()}\n`);
  });
  page.on('pageerror', (error) => {
    record(`page error: ${error.message}`);
    process.stderr.write(`[browser] page error: ${error.message}\n`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console error: ${message.text()}`);
  });
  page.on('request', (request) => record(`${request.method()} ${path(request.url())}`));
  page.on('response', (response) =>
    record(`${response.status()} ${response.request().method()} ${path(response.url())}`),
  );
  page.on('requestfailed', (request) =>
    record(`failed (${request.failure()?.errorText ?? 'unknown'}) ${path(request.url())}`),
  );
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) record(`address ${path(frame.url())}`);
  });
}

/**
 * Signs in through the sign-in screen with a fresh cookie jar, then waits until the landing
 * screen has drawn its heading, so that the test's next click does not land on a screen that is
 * still loading.
 */
export async function signInOnScreen(
  page: Page,
  baseUrl: string,
  email: string,
  password = testPassword,
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('E-mel').fill(email);
  await page.getByLabel('Kata laluan').fill(password);
  await page.getByRole('button', { name: 'Log masuk' }).click();
  await page.getByRole('button', { name: 'Log keluar' }).waitFor();
  await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
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
  watchPage(page);
  // In CI, other test files load both cores while a screen waits for a workflow's next step, so a
  // wait may last up to 90 s.
  page.setDefaultTimeout(90_000);
  return {
    page,
    async close() {
      openPages.delete(page);
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
