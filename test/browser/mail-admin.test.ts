/**
 * The e-mail channel's administration screens in Chromium against the real stack: the Temporal dev
 * server, a real worker, the embedded database and the API serving the built web app. When Debian's
 * dovecot is installed, a real IMAP server answers the connection test. Messages arrive through the
 * inbound route with the mailbox token, as a mail gateway sends them.
 */
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, mailMailboxes, mailMessages, services } from '../../db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { runExclusively } from '../helpers/exclusive';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { dovecotAvailable, startDovecot, type Dovecot } from '../mail/dovecot';
import { fixture } from '../mail/harness';
import {
  ensureWebBuild,
  findChromium,
  openBrowser,
  screenshotBoth,
  seriousAccessibilityViolations,
  type Browser,
  signInOnScreen,
} from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}
if (!dovecotAvailable()) {
  console.warn('mail-admin browser test: dovecot is missing, so the connection test is skipped');
}

const mailboxAddress = 'aduan@khidmat.test';
const plainSubject = 'Pencetak di makmal FC tidak berfungsi';

describe.skipIf(chromiumInfo.missing !== null)('e-mail channel administration in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let dovecot: Dovecot | null = null;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let adminEmail: string;
  let supervisorEmail: string;
  let inboundToken: string;
  let caseReference: string;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    if (dovecotAvailable()) dovecot = await startDovecot();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    const desk = await createUnit(db.db, 'MEJA-BANTUAN');
    const [service] = await db.db
      .insert(services)
      .values({ code: 'CETAK', nameMs: 'Percetakan', nameEn: 'Printing', defaultUnitId: desk.id })
      .returning();
    await db.db.insert(categories).values({
      serviceId: service!.id,
      code: 'CETAK-ROSAK',
      nameMs: 'Pencetak rosak',
      nameEn: 'Printer broken',
    });
    adminEmail = (await createPerson(db.db, { roles: ['admin'], name: 'Pentadbir Ujian' })).email;
    supervisorEmail = (
      await createPerson(db.db, { roles: ['supervisor'], name: 'Ketua Ujian', headOf: [desk.id] })
    ).email;
    await createPerson(db.db, { email: 'aminah@utm.my', name: 'Aminah Hassan' });

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;

    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
  }, 720_000);

  afterAll(async () => {
    try {
      await browser?.close();
      await stack?.stop();
      await db?.destroy();
      await env?.teardown();
      await dovecot?.stop();
    } finally {
      release?.();
    }
  });

  async function expectScreens(name: string) {
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  async function signInAs(email: string) {
    await signInOnScreen(page, baseUrl, email);
  }

  /** Posts a raw message to the inbound route as a mail gateway does. */
  async function postInbound(name: string) {
    const response = await fetch(`${baseUrl}/api/v1/channels/email/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-khidmat-mailbox-token': inboundToken },
      body: new Uint8Array(fixture(name)),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { status: string; caseReference: string | null };
  }

  const navigation = () => page.getByRole('navigation', { name: 'Navigasi utama' });

  it('admin creates a mailbox', async () => {
    await signInAs(adminEmail);
    await navigation().getByRole('link', { name: 'Saluran e-mel' }).click();
    await page.getByRole('heading', { name: 'Peti mel', level: 1 }).waitFor();
    await page.getByText('Belum ada peti mel.').waitFor();
    await page.getByRole('button', { name: 'Tambah peti mel' }).click();

    const dialog = page.getByRole('dialog', { name: 'Peti mel baharu' });
    await dialog.getByRole('textbox', { name: 'Nama', exact: true }).fill('Meja Bantuan');
    await dialog.getByLabel('Alamat e-mel').fill(mailboxAddress);
    if (dovecot) {
      await dialog.getByLabel('Hos IMAP').fill('127.0.0.1');
      await dialog.getByLabel('Port IMAP').fill(String(dovecot.port));
      await dialog.getByLabel('Nama pengguna IMAP').fill(dovecot.user);
      await dialog.getByLabel('Kata laluan IMAP').fill(dovecot.password);
      await dialog.getByRole('switch', { name: 'Sambungan TLS' }).uncheck();
    }
    await dialog.getByLabel('Unit lalai', { exact: true }).click();
    await page.getByRole('option', { name: /^MEJA-BANTUAN/ }).click();
    await dialog.getByLabel('Kategori lalai', { exact: true }).click();
    await page.getByRole('option', { name: 'Pencetak rosak' }).click();
    await dialog.getByLabel('Domain dikenali', { exact: true }).fill('utm.my');
    await dialog.getByLabel('Domain dikenali', { exact: true }).press('Enter');
    await dialog.getByLabel('Dasar domain tidak dikenali', { exact: true }).click();
    await page.getByRole('option', { name: 'Tolak dengan balasan' }).click();
    await expectScreens('mail-01-mailbox-form');
    await dialog.getByRole('button', { name: 'Simpan' }).click();

    await dialog.getByText('Peti mel ditambah').waitFor();
    inboundToken = (await dialog.getByTestId('token').textContent())?.trim() ?? '';
    expect(inboundToken).toMatch(/^khm_/);
    await expectScreens('mail-02-mailbox-token');
    await dialog.getByRole('button', { name: 'Tutup' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Ubah peti mel Meja Bantuan' }).waitFor();

    const [row] = await db.db
      .select()
      .from(mailMailboxes)
      .where(eq(mailMailboxes.address, mailboxAddress));
    expect(row).toMatchObject({ name: 'Meja Bantuan', knownDomains: ['utm.my'] });
    expect(row?.unknownDomainPolicy).toBe('reject');
    expect(row?.defaultUnitId).not.toBeNull();
    expect(row?.defaultCategoryId).not.toBeNull();
    if (dovecot) expect(row?.imapPassword).not.toContain(dovecot.password);
  });

  it.skipIf(!dovecotAvailable())('connection test shows the result', async () => {
    await page.getByRole('button', { name: 'Uji sambungan' }).click();
    await page.getByText('Sambungan berjaya').waitFor();
    await page.getByText('Mesej dalam folder: 0').waitFor();
    await expectScreens('mail-03-mailboxes');
  });

  it('inbound message becomes a case', async () => {
    const result = await postInbound('plain.eml');
    expect(result.status).toBe('processed');
    caseReference = result.caseReference ?? '';
    expect(caseReference).not.toBe('');

    await page.getByRole('tab', { name: 'Mesej' }).click();
    await page.getByRole('heading', { name: 'Mesej e-mel' }).waitFor();
    await page.getByText(plainSubject).waitFor();
    await page.getByText('Hasil: Kes baharu').waitFor();
    await page.getByRole('link', { name: caseReference }).waitFor();
    await expectScreens('mail-04-messages');

    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Dikuarantin' }).click();
    await page.getByText('Tiada mesej.').waitFor();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Diproses' }).click();
    await page.getByText(plainSubject).waitFor();

    await page.getByRole('link', { name: caseReference }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${caseReference}`);
    await page.getByText(plainSubject).first().waitFor();
  });

  it('malformed message is reprocessed from quarantine', async () => {
    const result = await postInbound('malformed.eml');
    expect(result.status).toBe('quarantined');

    await page.goto(`${baseUrl}/admin/mail/quarantine`);
    await page.getByRole('heading', { name: 'Kuarantin e-mel' }).waitFor();
    await page.getByText('Sebab: Tiada alamat penghantar').waitFor();
    await page.getByText('Daripada: tidak diketahui').waitFor();
    await expectScreens('mail-05-quarantine');

    await page.getByRole('button', { name: 'Proses semula: (tiada subjek)' }).click();
    const outcome = page.getByRole('alert').filter({ hasText: 'Diproses semula: (tiada subjek)' });
    await outcome.waitFor();
    await outcome.getByText('Dikuarantin').waitFor();
    await expectScreens('mail-06-quarantine-outcome');

    const rows = await db.db
      .select({ attempts: mailMessages.attempts, status: mailMessages.status })
      .from(mailMessages)
      .where(eq(mailMessages.status, 'quarantined'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBeGreaterThanOrEqual(2);
  });

  it('supervisor has no e-mail channel screens', async () => {
    await page.getByRole('button', { name: 'Log keluar' }).click();
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
    await signInAs(supervisorEmail);
    expect(await navigation().getByRole('link', { name: 'Saluran e-mel' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/mail/quarantine`);
    await page.getByRole('heading', { name: 'Halaman tidak ditemui' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Kuarantin e-mel' }).count()).toBe(0);
    expect(await page.getByText('Sebab: Tiada alamat penghantar').count()).toBe(0);
  });
});
