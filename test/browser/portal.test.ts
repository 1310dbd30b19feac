/**
 * The customer portal in Chromium against the real stack: the Temporal dev server, a real worker,
 * the embedded database and the API serving the built web app on a loopback port.
 */
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../activities/identity/principals';
import { cases, categories, people, ratingTokens, services } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit, testPassword } from '../helpers/factories';
import { post, tinyPng } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { runExclusively } from '../helpers/exclusive';
import { createDevServerEnv } from '../helpers/temporal';
import {
  ensureWebBuild,
  openBrowser,
  type Browser,
  findChromium,
  phone,
  screenshotBoth,
  seriousAccessibilityViolations,
} from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}

describe.skipIf(chromiumInfo.missing !== null)('customer portal in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let unitId: string;
  let categoryId: string;
  let reference: string;
  const sessions: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  const customerEmail = 'pelanggan@test.khidmat.invalid';

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    const unit = await createUnit(db.db, 'MEJA-BANTUAN');
    unitId = unit.id;
    const [service] = await db.db
      .insert(services)
      .values({
        code: 'EMEL',
        nameMs: 'E-mel',
        nameEn: 'E-mail',
        descriptionMs: 'E-mel staf dan pelajar',
        descriptionEn: 'Staff and student e-mail',
        defaultUnitId: unit.id,
      })
      .returning();
    const [category] = await db.db
      .insert(categories)
      .values({
        serviceId: service!.id,
        code: 'EMEL-AKSES',
        nameMs: 'Tidak boleh akses e-mel',
        nameEn: 'Cannot access e-mail',
      })
      .returning();
    categoryId = category!.id;

    const customer = await createPerson(db.db, {
      roles: ['customer'],
      language: 'ms',
      name: 'Siti Aminah',
      email: customerEmail,
    });
    const agent = await createPerson(db.db, { roles: ['agent'], unitIds: [unit.id] });
    const technician = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
    Object.assign(ids, { customer: customer.id, agent: agent.id, technician: technician.id });

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    sessions.customer = await signIn(stack.app, customer.email);
    sessions.agent = await signIn(stack.app, agent.email);
    sessions.technician = await signIn(stack.app, technician.email);

    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
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

  async function expectAccessible(name: string) {
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  async function expectScreens(name: string) {
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
    await expectAccessible(name);
  }

  async function personLanguage(): Promise<string | undefined> {
    const [row] = await db.db
      .select({ language: people.language })
      .from(people)
      .where(eq(people.id, ids.customer!));
    return row?.language;
  }

  it('sign-in page switches language before sign-in', async () => {
    await page.goto(`${baseUrl}/cases`);
    await page.waitForURL(/\/signin\?next=%2Fcases$/);
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
    await expectScreens('01-signin');

    await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ms');
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
  });

  it('wrong password shows the translated error', async () => {
    await page.getByLabel('E-mel').fill(customerEmail);
    await page.getByLabel('Kata laluan').fill('salah-kata-laluan');
    await page.getByRole('button', { name: 'Log masuk' }).click();
    await page.getByRole('alert').getByText('E-mel atau kata laluan salah').waitFor();
  });

  it('customer signs in and sees the catalogue', async () => {
    await page.getByLabel('Kata laluan').fill(testPassword);
    await page.getByRole('button', { name: 'Log masuk' }).click();
    await page.waitForURL(`${baseUrl}/cases`);
    await page.getByRole('heading', { name: 'Kes saya' }).waitFor();
    await page.getByRole('link', { name: 'Katalog perkhidmatan' }).click();
    await page.getByRole('heading', { name: 'Katalog perkhidmatan' }).waitFor();
    await page.getByRole('heading', { name: 'E-mel' }).waitFor();
    await expectScreens('02-catalogue');
  });

  it('language choice is stored on the person', async () => {
    await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en');
    await page.getByRole('heading', { name: 'Service catalogue' }).waitFor();
    await page.getByRole('heading', { name: 'E-mail', exact: true }).waitFor();
    await expect.poll(personLanguage).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Service catalogue' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ms');
    await page.getByRole('heading', { name: 'Katalog perkhidmatan' }).waitFor();
    await expect.poll(personLanguage).toBe('ms');
  });

  it('customer files a complaint with an attachment', async () => {
    await page.getByRole('link', { name: 'Buat aduan tentang E-mel' }).click();
    await page.getByRole('heading', { name: 'Aduan baharu' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Perkhidmatan' }).inputValue()).resolves.toBe(
      'E-mel',
    );

    await page.getByRole('combobox', { name: 'Kategori' }).click();
    await page.getByRole('option', { name: 'Tidak boleh akses e-mel' }).click();
    await page.getByRole('combobox', { name: 'Kesegeraan' }).click();
    await page.getByRole('option', { name: 'Tinggi: saya tidak dapat bekerja' }).click();
    await page.getByRole('textbox', { name: 'Tajuk' }).fill('Tidak dapat log masuk e-mel');
    await page
      .getByRole('textbox', { name: 'Keterangan' })
      .fill('Sejak pagi tadi, e-mel menolak kata laluan saya.');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'tangkapan-skrin.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await page.getByText('tangkapan-skrin.png').waitFor();
    await expectScreens('03-new-complaint');

    await page.getByRole('button', { name: 'Hantar aduan' }).click();
    await page.getByText('Aduan diterima').waitFor();
    reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(reference).toMatch(/^ADU-\d{4}-\d{6}$/);
    await page.getByText(`Nombor aduan anda ialah ${reference}.`).waitFor();
    await page.getByRole('heading', { name: 'Tidak dapat log masuk e-mel' }).waitFor();

    const [record] = await db.db.select().from(cases).where(eq(cases.reference, reference));
    expect(record?.categoryId).toBe(categoryId);
    expect(record?.urgency).toBe(1);
    expect(record?.channel).toBe('portal');

    const download = page.getByRole('link', { name: 'tangkapan-skrin.png' });
    const href = await download.getAttribute('href');
    const response = await page.request.get(`${baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(tinyPng)).toBe(true);
    await expectScreens('04-case-new');
  });

  it('complaint appears in my cases with its status', async () => {
    await page.getByRole('link', { name: 'Kes saya' }).click();
    await page.getByRole('heading', { name: 'Kes saya' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: reference });
    await item.getByText('Tidak dapat log masuk e-mel').waitFor();
    await item.getByText('Baharu').waitFor();
    await expectScreens('05-my-cases');
  });

  it('customer replies with an attachment', async () => {
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: 'Hantar maklum balas' }).waitFor();
    await page
      .getByRole('textbox', { name: 'Maklum balas anda' })
      .fill('Ralat yang sama berlaku di telefon.');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'ralat-telefon.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await page.getByText('ralat-telefon.png').waitFor();
    await page.getByRole('button', { name: 'Hantar', exact: true }).click();

    const timeline = page.getByRole('region', { name: 'Maklum balas', exact: true });
    const entry = timeline.getByRole('listitem').filter({ hasText: 'Ralat yang sama' });
    const link = entry.getByRole('link', { name: 'ralat-telefon.png' });
    await link.waitFor();
    const response = await page.request.get(`${baseUrl}${await link.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(tinyPng)).toBe(true);
    await expectScreens('05b-case-reply-attachment');

    // The staff view of the case shows the same file under the customer's reply.
    const staff = await stack.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${reference}`,
      headers: { cookie: sessions.agent!.cookie },
    });
    const files = staff.json<{ attachments: { fileName: string; messageId: string | null }[] }>()
      .attachments;
    expect(files.find((file) => file.fileName === 'ralat-telefon.png')?.messageId).not.toBeNull();
  });

  it('bell lists notifications and marks them read', async () => {
    // Opening the list fetches it again, so the acknowledgement shows even if it came after load.
    await page.getByRole('button', { name: /^Pemberitahuan, / }).click();
    const dialog = page.getByRole('dialog', { name: 'Pemberitahuan' });
    await dialog.getByRole('link', { name: reference }).first().waitFor();
    await page.getByRole('button', { name: /^Pemberitahuan, \d+ belum dibaca$/ }).waitFor();
    await expectScreens('05c-notifications');

    await dialog.getByRole('button', { name: 'Tandakan semua sudah dibaca' }).click();
    await page.getByRole('button', { name: 'Pemberitahuan, tiada yang belum dibaca' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Kes saya' }).click();
    await page.getByRole('heading', { name: 'Kes saya' }).waitFor();
  });

  it('customer rates and confirms the resolved case', async () => {
    const assigned = await post(stack.app, sessions.agent!, `/api/v1/cases/${reference}/assign`, {
      unitId,
      assigneeId: ids.technician,
      reason: 'Masalah akaun e-mel',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const resolved = await post(
      stack.app,
      sessions.technician!,
      `/api/v1/cases/${reference}/resolve`,
      { resolutionNote: 'Kata laluan telah ditetapkan semula.' },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);

    await page.getByRole('link', { name: reference }).click();
    await page.getByText('Selesai', { exact: true }).waitFor();
    await page.getByText('Kata laluan telah ditetapkan semula.').first().waitFor();
    await expectScreens('06-case-resolved');

    await page.getByRole('radio', { name: '5: Sangat berpuas hati' }).check();
    await page.getByRole('textbox', { name: 'Ulasan' }).fill('Pantas dan jelas.');
    await page.getByRole('button', { name: 'Hantar penilaian' }).click();
    await page.getByText('Penilaian anda: 5 daripada 5').waitFor();

    await page.getByRole('button', { name: 'Ya, sahkan selesai' }).click();
    await page.getByText('Ditutup', { exact: true }).waitFor();
    await expectScreens('07-case-closed');

    const [record] = await db.db.select().from(cases).where(eq(cases.reference, reference));
    expect(record?.status).toBe('closed');
    expect(record?.rating).toBe(5);
  });

  it('phone width hides the navigation behind the burger', async () => {
    await page.setViewportSize(phone);
    await page.getByRole('button', { name: 'Buka menu' }).click();
    const navigation = page.getByRole('navigation', { name: 'Navigasi utama' });
    await navigation.getByRole('link', { name: 'Aduan baharu' }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: 'test/artifacts/screenshots/08-menu-360.png' });
    await expectAccessible('menu at 360 px');
    await navigation.getByRole('link', { name: 'Kes saya' }).click();
    await page.getByRole('heading', { name: 'Kes saya' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('rating link rates a case without sign-in', async () => {
    const created = await post(stack.app, sessions.customer!, '/api/v1/cases', {
      title: 'Pencetak tidak bersambung',
      description: 'Pencetak aras 2 tidak dikesan.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const second = created.json<{ reference: string }>().reference;
    await post(stack.app, sessions.agent!, `/api/v1/cases/${second}/assign`, {
      unitId,
      assigneeId: ids.technician,
      reason: 'Pencetak',
    });
    const resolved = await post(
      stack.app,
      sessions.technician!,
      `/api/v1/cases/${second}/resolve`,
      {
        resolutionNote: 'Pemacu pencetak dipasang semula.',
      },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);

    // The raw token is sent only by e-mail, so the test inserts a second token with a known value.
    const token = `ujian-${'x'.repeat(30)}`;
    const [record] = await db.db.select().from(cases).where(eq(cases.reference, second));
    await db.db.insert(ratingTokens).values({
      tokenHash: sha256(token),
      caseId: record!.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    await page.getByRole('button', { name: 'Log keluar' }).click();
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
    await page.goto(`${baseUrl}/rate/${token}`);
    await page.getByText(`Aduan ${second}: Pencetak tidak bersambung`).waitFor();
    await expectScreens('09-rate-link');
    await page.getByRole('radio', { name: '4: Berpuas hati' }).check();
    await page.getByRole('button', { name: 'Hantar penilaian' }).click();
    await page.getByText('Penilaian anda telah diterima.').waitFor();
    await expect
      .poll(async () => {
        const [row] = await db.db.select().from(cases).where(eq(cases.reference, second));
        return row?.rating;
      })
      .toBe(4);
  });
});
