/**
 * The agent workspace in Chromium against the real stack: an agent logs a phone complaint and
 * assigns a portal complaint from the unassigned queue; the technician works and resolves it from
 * "Kes saya"; the customer then sees the reply but never the internal note.
 */
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../api/schemas/cases';
import { cases, categories, services } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit, testPassword } from '../helpers/factories';
import { get, post, tinyPng } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { runExclusively } from '../helpers/exclusive';
import { createDevServerEnv } from '../helpers/temporal';
import {
  ensureWebBuild,
  openBrowser,
  type Browser,
  findChromium,
  screenshotBoth,
  seriousAccessibilityViolations,
} from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}

describe.skipIf(chromiumInfo.missing !== null)('agent workspace in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let unitCode: string;
  let categoryId: string;
  let portalReference: string;
  const sessions: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};

  const replyText = 'Kata laluan anda telah ditetapkan semula. Sila cuba log masuk.';
  const noteText = 'Akaun dikunci oleh dasar keselamatan selepas lima percubaan.';
  const workText = 'Semak log pelayan e-mel dan buka kunci akaun.';

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    unitCode = 'UNIT-EMEL';
    const unit = await createUnit(db.db, unitCode);
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
      name: 'Siti Aminah',
      email: 'siti.aminah@test.khidmat.invalid',
    });
    const agent = await createPerson(db.db, {
      roles: ['agent'],
      name: 'Ejen Farid',
      unitIds: [unit.id],
    });
    const technician = await createPerson(db.db, {
      roles: ['technician'],
      name: 'Juruteknik Lim',
      unitIds: [unit.id],
    });
    Object.assign(ids, { customer: customer.id, agent: agent.id, technician: technician.id });
    Object.assign(emails, { agent: agent.email, technician: technician.email });

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    sessions.customer = await signIn(stack.app, customer.email);

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

  async function expectScreens(name: string) {
    // A full-page screenshot of a scrolled page draws the fixed header midway down.
    await page.evaluate('window.scrollTo(0, 0)');
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  async function signInAs(email: string) {
    await page.goto(`${baseUrl}/signin`);
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
    await page.getByLabel('E-mel').fill(email);
    await page.getByLabel('Kata laluan').fill(testPassword);
    await page.getByRole('button', { name: 'Log masuk' }).click();
    await page.getByRole('heading', { name: 'Barisan kes' }).waitFor();
  }

  async function chooseOption(combobox: ReturnType<Page['getByRole']>, option: string) {
    await combobox.click();
    await page.getByRole('option', { name: option }).click();
  }

  it('agent logs a phone complaint for a customer', async () => {
    await signInAs(emails.agent!);
    expect(new URL(page.url()).pathname).toBe('/agent');
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByText('Terima aduan')
      .click();
    await page.getByRole('heading', { name: 'Terima aduan' }).waitFor();

    const customerBox = page.getByRole('combobox', { name: 'Pelanggan' });
    // The search has focus on arrival, so typing straight away searches for the customer.
    await page.keyboard.type('Siti');
    await expect(customerBox.inputValue()).resolves.toBe('Siti');
    await page.getByRole('option', { name: /Siti Aminah/ }).click();
    await page.getByRole('radio', { name: 'Telefon' }).check();
    await chooseOption(page.getByRole('combobox', { name: 'Kategori' }), 'Tidak boleh akses e-mel');
    await chooseOption(page.getByRole('combobox', { name: 'Impak' }), 'Tinggi');
    await chooseOption(page.getByRole('combobox', { name: 'Kesegeraan' }), 'Tinggi');
    await page.getByTestId('resulting-priority').getByText('Sangat kritikal').waitFor();
    await page
      .getByRole('textbox', { name: 'Keterangan' })
      .fill('Pemanggil tidak dapat membuka e-mel.');
    await page.getByRole('textbox', { name: 'Tajuk' }).fill('E-mel tidak dapat dibuka');
    await expectScreens('21-agent-log-complaint');

    await page.getByRole('textbox', { name: 'Tajuk' }).press('Enter');
    await page.getByText('Aduan direkodkan').waitFor();
    const reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(reference).toMatch(/^ADU-\d{4}-\d{6}$/);
    await page.getByRole('heading', { name: 'E-mel tidak dapat dibuka' }).waitFor();

    const [record] = await db.db.select().from(cases).where(eq(cases.reference, reference));
    expect(record?.channel).toBe('phone');
    expect(record?.requesterId).toBe(ids.customer);
    expect(record?.createdById).toBe(ids.agent);
    expect(record?.categoryId).toBe(categoryId);
    expect(record?.priority).toBe(1);
    await expectScreens('22-agent-case-logged');
  });

  it('agent assigns a portal complaint from the unassigned queue', async () => {
    const created = await post(stack.app, sessions.customer!, '/api/v1/cases', {
      title: 'Pencetak tidak bersambung',
      description: 'Pencetak aras 2 tidak dikesan oleh komputer saya.',
    });
    expect(created.statusCode, created.body).toBe(201);
    portalReference = created.json<{ reference: string }>().reference;

    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByText('Barisan kes').click();
    await page.getByRole('link', { name: 'Belum diagihkan' }).click();
    const row = page.locator(`li[data-reference="${portalReference}"]`);
    await row.getByText('Pencetak tidak bersambung').waitFor();
    await expectScreens('23-agent-queue-unassigned');

    await row.getByRole('checkbox', { name: `Pilih ${portalReference}` }).check();
    const bulk = page.getByRole('region', { name: 'Tentukan & agihkan 1 kes' });
    await chooseOption(
      bulk.getByRole('combobox', { name: 'Unit' }),
      `${unitCode} · Unit ${unitCode}`,
    );
    await chooseOption(bulk.getByRole('combobox', { name: 'Juruteknik' }), 'Juruteknik Lim');
    await bulk.getByRole('textbox', { name: 'Sebab' }).fill('Masalah pencetak rangkaian');
    await expectScreens('24-agent-bulk-assign');
    await bulk.getByRole('button', { name: 'Agihkan 1 kes' }).click();
    // The assigned case leaves the selection, so the panel's title changes; its results remain.
    await page.getByRole('status').getByText(`${portalReference}: Diagihkan`).waitFor();

    const [record] = await db.db.select().from(cases).where(eq(cases.reference, portalReference));
    expect(record?.assigneeId).toBe(ids.technician);
    expect(record?.status).toBe('assigned');
  });

  it('technician logs work, replies, notes and resolves from mine', async () => {
    await page.getByRole('button', { name: 'Log keluar' }).click();
    await signInAs(emails.technician!);
    await page.getByRole('link', { name: 'Kes saya' }).waitFor();
    const row = page.locator(`li[data-reference="${portalReference}"]`);
    await row.getByText('Pencetak tidak bersambung').waitFor();
    await expectScreens('25-technician-mine');

    await row.getByRole('link', { name: portalReference }).click();
    await page.getByRole('heading', { name: 'Pencetak tidak bersambung' }).waitFor();
    const timeline = page.getByRole('region', { name: 'Aliran kes' });

    await page.getByRole('tab', { name: 'Catatan kerja' }).click();
    await page.getByRole('textbox', { name: 'Minit' }).fill('45');
    await page.getByRole('textbox', { name: 'Kerja yang dilakukan' }).fill(workText);
    await page.getByRole('button', { name: 'Simpan catatan kerja' }).click();
    await timeline.locator('li[data-kind="work_log"]').getByText('45 minit').waitFor();

    await page.getByRole('tab', { name: 'Maklum balas' }).click();
    await page.getByRole('textbox', { name: 'Maklum balas kepada pelanggan' }).fill(replyText);
    await page.getByRole('tabpanel').locator('input[type="file"]').setInputFiles({
      name: 'panduan-pencetak.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await page.getByRole('button', { name: 'Hantar maklum balas' }).click();
    const reply = timeline.locator('li[data-kind="reply"]');
    await reply.getByText(replyText).waitFor();
    await reply.getByRole('link', { name: 'panduan-pencetak.png' }).waitFor();

    await page.getByRole('tab', { name: 'Nota dalaman' }).click();
    await page.getByRole('textbox', { name: 'Nota dalaman' }).fill(noteText);
    await page.getByRole('tabpanel').locator('input[type="file"]').setInputFiles({
      name: 'log-pelayan.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await page.getByRole('button', { name: 'Simpan nota dalaman' }).click();
    const note = timeline.locator('li[data-kind="note"]');
    await note.getByText(noteText).waitFor();
    await note.getByRole('link', { name: 'log-pelayan.png' }).waitFor();
    await note.getByText('Dalaman', { exact: true }).waitFor();
    expect(await note.getAttribute('data-visibility')).toBe('internal');

    const temporalLink = page.getByRole('link', {
      name: 'Lihat sejarah aliran kerja dalam Temporal UI',
    });
    expect(await temporalLink.getAttribute('href')).toContain(portalReference);
    await page.getByRole('region', { name: 'Aliran kerja' }).getByText('Dalam tindakan').waitFor();
    await expectScreens('26-technician-case');

    await page.getByRole('button', { name: 'Selesaikan', exact: true }).click();
    await page
      .getByRole('textbox', { name: 'Catatan penyelesaian' })
      .fill('Akaun dibuka kunci dan kata laluan ditetapkan semula.');
    await page.getByRole('button', { name: 'Selesaikan kes' }).click();
    await page.getByText('Selesai', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /Sejarah perubahan/ }).click();
    await page
      .getByText(/Catatan kerja/)
      .first()
      .waitFor();
    // The history names the assignee instead of showing their id.
    await page
      .getByText(/→ Juruteknik Lim/)
      .first()
      .waitFor();
    await expectScreens('27-technician-resolved');

    const [record] = await db.db.select().from(cases).where(eq(cases.reference, portalReference));
    expect(record?.status).toBe('resolved');
    expect(record?.workMinutes).toBe(45);
  });

  it("customer's view shows the reply but not the note", async () => {
    const response = await get(stack.app, sessions.customer!, `/api/v1/cases/${portalReference}`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<CaseDetail>();
    const bodies = detail.timeline.map((entry) => entry.body);
    expect(bodies).toContain(replyText);
    expect(bodies).not.toContain(noteText);
    expect(bodies).not.toContain(workText);
    expect(detail.timeline.every((entry) => entry.visibility === 'public')).toBe(true);
    expect(detail.history).toBeUndefined();

    // The reply's file reaches the customer; the internal note's file does not.
    const files = detail.attachments.map((file) => file.fileName);
    expect(files).toContain('panduan-pencetak.png');
    expect(files).not.toContain('log-pelayan.png');
  });
});
