/**
 * The language switch in Chromium. Every main screen is opened in Malay, switched to English and
 * back. No visible text of one language may remain after switching to the other, apart from an
 * allow-list: data (names, references, titles typed by people), numbers and the few words that
 * read the same in both languages.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, notifications, services, units } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { post } from '../helpers/http';
import { runExclusively } from '../helpers/exclusive';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { ensureWebBuild, findChromium, openBrowser, type Browser } from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}

/**
 * Collects the trimmed visible text nodes of the page and the placeholders of visible fields.
 * Option elements of the language select are skipped: they name each language in itself.
 */
const collectVisibleText = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').replace(/\\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('script, style, option, [aria-hidden="true"]')) continue;
    if (!parent.checkVisibility({ checkOpacity: true, visibilityProperty: true })) continue;
    texts.push(text);
  }
  for (const field of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (field.checkVisibility() && field.placeholder.trim()) texts.push(field.placeholder.trim());
  }
  return texts;
})()`;

/** Parts of a text that are the same in both languages: references and e-mail addresses. */
const neutralParts: RegExp[] = [/[A-Z]{3}-\d{4}-\d{6}/g, /[\w.+-]+@[\w.-]+\.[a-z]+/g];

/** What may remain of an allowed text once its data is removed: digits and punctuation. */
const leftoverPattern = /^[\d\s.,:;/()%+\-–—·→×<>]*$/;

/**
 * Words that read the same in Malay and English, and the product's name. Malay keeps "SLA" and
 * "walk-in" as terms of art, as the Malay interface does elsewhere.
 */
const sameInBothLanguages = ['Khidmat', 'Status', 'Unit', 'Portal', 'SLA', 'Walk-in'];

describe.skipIf(chromiumInfo.missing !== null)('language switch in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let reference: string;
  const sessions: Record<'customer' | 'agent' | 'admin', Session> = {} as never;
  /** Data typed by people or given as names: allowed to stay unchanged. */
  const dataTexts = new Set<string>();

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    const [unit] = await db.db
      .insert(units)
      .values({ code: 'RANGKAIAN', nameMs: 'Unit Rangkaian', nameEn: 'Network Unit' })
      .returning();
    const [service] = await db.db
      .insert(services)
      .values({
        code: 'EMEL',
        nameMs: 'E-mel',
        nameEn: 'E-mail',
        descriptionMs: 'E-mel staf dan pelajar',
        descriptionEn: 'Staff and student e-mail',
        defaultUnitId: unit!.id,
      })
      .returning();
    await db.db.insert(categories).values({
      serviceId: service!.id,
      code: 'EMEL-AKSES',
      nameMs: 'Tidak boleh akses e-mel',
      nameEn: 'Cannot access e-mail',
    });

    const customer = await createPerson(db.db, { name: 'Siti Aminah', roles: ['customer'] });
    const agent = await createPerson(db.db, {
      name: 'Farid Hakim',
      roles: ['agent'],
      unitIds: [unit!.id],
    });
    const technician = await createPerson(db.db, {
      name: 'Rajesh Kumar',
      roles: ['technician'],
      unitIds: [unit!.id],
    });
    const admin = await createPerson(db.db, { name: 'Aisyah Rahman', roles: ['admin'] });
    for (const person of [customer, agent, technician, admin]) {
      dataTexts.add(person.name);
      dataTexts.add(person.email);
    }
    for (const text of ['RANGKAIAN', 'EMEL', 'EMEL-AKSES']) dataTexts.add(text);

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    sessions.customer = await signIn(stack.app, customer.email);
    sessions.agent = await signIn(stack.app, agent.email);
    sessions.admin = await signIn(stack.app, admin.email);
    const technicianSession = await signIn(stack.app, technician.email);

    const title = 'Tidak dapat log masuk e-mel';
    const description = 'Sejak pagi tadi, e-mel menolak kata laluan saya.';
    const reply = 'Sila cuba tetapkan semula kata laluan anda.';
    for (const text of [title, description, reply]) dataTexts.add(text);
    const created = await post(stack.app, sessions.customer, '/api/v1/cases', {
      title,
      description,
      serviceId: service!.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    reference = created.json().reference as string;
    const assigned = await post(stack.app, sessions.agent, `/api/v1/cases/${reference}/assign`, {
      unitId: unit!.id,
      assigneeId: technician.id,
      reason: 'Akaun e-mel',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    dataTexts.add('Akaun e-mel');
    const replied = await post(stack.app, technicianSession, `/api/v1/cases/${reference}/replies`, {
      body: reply,
    });
    expect(replied.statusCode, replied.body).toBe(200);

    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
    // The wait for the heavy-test lock counts against this time, and other browser tests may hold it.
  }, 900_000);

  afterAll(async () => {
    try {
      await browser?.close();
      await stack?.stop();
      await db?.destroy();
      await env?.teardown();
    } finally {
      release?.();
    }
  });

  async function useSession(session: Session) {
    const context = page.context();
    await context.clearCookies();
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
  }

  async function visibleText(): Promise<string[]> {
    return page.evaluate<string[]>(collectVisibleText);
  }

  /** Chooses a language in the header and waits for the page to render in it. */
  async function switchTo(language: 'ms' | 'en') {
    const select = page.getByRole('combobox', { name: language === 'en' ? 'Bahasa' : 'Language' });
    await select.selectOption(language);
    await page.waitForFunction(`document.documentElement.lang === '${language}'`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  }

  /**
   * Checks whether a text is made only of data, neutral parts and shared words, for example
   * "Siti Aminah · Portal · RANGKAIAN" or "Rajesh Kumar <rajesh@…>". Longer data is removed
   * first, so a name inside a title does not split the title.
   */
  function isAllowed(text: string): boolean {
    let rest = text;
    const known = [...dataTexts].sort((a, b) => b.length - a.length);
    for (const item of known) rest = rest.split(item).join(' ');
    for (const pattern of neutralParts) rest = rest.replace(pattern, ' ');
    for (const word of sameInBothLanguages) {
      rest = rest.replace(new RegExp(`(^|[\\s·(])${word}(?=$|[\\s·):])`, 'g'), '$1 ');
    }
    return leftoverPattern.test(rest);
  }

  /** Lists the texts of `before` that remain on the page after switching, less the allowed ones. */
  function unchanged(before: string[], after: string[]): string[] {
    const remaining = new Set(after);
    return [...new Set(before)].filter((text) => remaining.has(text) && !isAllowed(text));
  }

  /**
   * Opens the screen in Malay, switches to English and back, and checks both directions. `ready`
   * waits for the screen's content; `prepare` opens parts that are collapsed at first.
   */
  async function checkScreen(
    path: string,
    ready: (page: Page) => Promise<unknown>,
    prepare?: (page: Page) => Promise<unknown>,
  ) {
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('combobox', { name: /^(Bahasa|Language)$/ }).waitFor();
    if ((await page.evaluate<string>('document.documentElement.lang')) !== 'ms') {
      await switchTo('ms');
    }
    await ready(page);
    await page.waitForLoadState('networkidle');
    await prepare?.(page);
    const malay = await visibleText();
    expect(malay.length, `${path}: no text found`).toBeGreaterThan(3);

    await switchTo('en');
    const english = await visibleText();
    expect(
      unchanged(malay, english),
      `${path}: Malay text left after switching to English`,
    ).toEqual([]);

    await switchTo('ms');
    const malayAgain = await visibleText();
    expect(
      unchanged(english, malayAgain),
      `${path}: English text left after switching to Malay`,
    ).toEqual([]);
  }

  const heading = (name: string) => (target: Page) =>
    target.getByRole('heading', { name, exact: true }).first().waitFor();

  it('portal home and catalogue change language', async () => {
    await useSession(sessions.customer);
    await checkScreen('/', heading('Katalog perkhidmatan'));
  });

  it('new case form changes language', async () => {
    await checkScreen('/cases/new', heading('Aduan baharu'));
  });

  it('my cases changes language', async () => {
    await checkScreen('/cases', (target) => target.getByText(reference).first().waitFor());
  });

  it('customer case page changes language', async () => {
    await checkScreen(`/cases/${reference}`, heading('Tidak dapat log masuk e-mel'));
  });

  it('agent queues change language', async () => {
    await useSession(sessions.agent);
    await checkScreen('/agent?queue=open', (target) =>
      target.getByText(reference).first().waitFor(),
    );
  });

  it('staff case page changes language', async () => {
    await checkScreen(`/cases/${reference}`, heading('Tidak dapat log masuk e-mel'), (target) =>
      target.getByRole('button', { name: /^Sejarah perubahan/ }).click(),
    );
  });

  it('log case form changes language', async () => {
    await checkScreen('/agent/new', (target) => target.getByRole('heading').first().waitFor());
  });

  it.each([
    ['/admin/people'],
    ['/admin/units'],
    ['/admin/catalogue'],
    ['/admin/outbox'],
    ['/admin/sla-policies'],
    ['/admin/approval-rules'],
    ['/process-map'],
  ])('admin screen %s changes language', async (path) => {
    // Stored messages keep the language they were sent in, so their subjects are data.
    const sent = await db.db.select({ subject: notifications.subject }).from(notifications);
    for (const { subject } of sent) dataTexts.add(subject);
    await useSession(sessions.admin);
    await checkScreen(path, (target) => target.getByRole('heading').first().waitFor());
  });
});
