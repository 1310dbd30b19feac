/**
 * Administration and the live process map in Chromium against the real stack: the Temporal dev
 * server, a real worker, the embedded database and the API serving the built web app.
 */
import { and, eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, notifications, people, services, unitMembers, units } from '../../db/schema';
import { signIn } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { post } from '../helpers/http';
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
  signInOnScreen,
} from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}

describe.skipIf(chromiumInfo.missing !== null)('administration in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let categoryId: string;
  let reference: string;
  let adminEmail: string;
  let supervisorEmail: string;

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    const desk = await createUnit(db.db, 'MEJA-BANTUAN');
    const [service] = await db.db
      .insert(services)
      .values({ code: 'EMEL', nameMs: 'E-mel', nameEn: 'E-mail', defaultUnitId: desk.id })
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

    const admin = await createPerson(db.db, { roles: ['admin'], name: 'Pentadbir Ujian' });
    const supervisor = await createPerson(db.db, {
      roles: ['supervisor'],
      name: 'Ketua Ujian',
      headOf: [desk.id],
    });
    const customer = await createPerson(db.db, {
      roles: ['customer'],
      name: 'Siti Aminah',
      email: 'siti@test.khidmat.invalid',
    });
    adminEmail = admin.email;
    supervisorEmail = supervisor.email;

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;

    // A complaint whose acknowledgement the worker records in the outbox.
    const customerSession = await signIn(stack.app, customer.email);
    const created = await post(stack.app, customerSession, '/api/v1/cases', {
      title: 'Tidak dapat log masuk e-mel',
      description: 'Sejak pagi tadi, e-mel menolak kata laluan saya.',
      categoryId,
    });
    expect(created.statusCode, created.body).toBe(201);
    reference = created.json<{ reference: string }>().reference;
    // The acknowledgement activity runs on the worker; wait for it, at most 30 s.
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const rows = await db.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(eq(notifications.template, 'acknowledgement'));
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

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

  async function signInAs(email: string) {
    await signInOnScreen(page, baseUrl, email);
  }

  const navigation = () => page.getByRole('navigation', { name: 'Navigasi utama' });

  it('admin creates a unit', async () => {
    await signInAs(adminEmail);
    await navigation().getByRole('link', { name: 'Unit', exact: true }).click();
    await page.getByRole('heading', { name: 'Unit', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tambah unit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unit baharu' });
    await dialog.getByLabel('Kod').fill('RANGKAIAN');
    await dialog.getByLabel('Nama (Bahasa Melayu)').fill('Unit Rangkaian');
    await dialog.getByLabel('Nama (Bahasa Inggeris)').fill('Network Unit');
    await dialog.getByLabel('E-mel unit').fill('rangkaian@test.khidmat.invalid');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Unit Rangkaian' }).waitFor();
    await expectScreens('admin-01-units');

    const [row] = await db.db.select().from(units).where(eq(units.code, 'RANGKAIAN'));
    expect(row).toMatchObject({ nameMs: 'Unit Rangkaian', nameEn: 'Network Unit', active: true });
  });

  it('admin creates a technician in the unit', async () => {
    await navigation().getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('heading', { name: 'Pengguna', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pengguna baharu' });
    await dialog.getByRole('textbox', { name: 'Nama', exact: true }).fill('Ahmad Juruteknik');
    await dialog.getByLabel('E-mel').fill('ahmad@test.khidmat.invalid');
    await dialog.getByRole('combobox', { name: 'Peranan' }).click();
    await page.getByRole('option', { name: 'Juruteknik' }).click();
    await page.getByRole('option', { name: 'Pelanggan' }).click();
    await dialog.getByRole('combobox', { name: 'Peranan' }).press('Escape');
    await dialog.getByRole('combobox', { name: 'Tambah unit' }).click();
    await page.getByRole('option', { name: 'RANGKAIAN · Unit Rangkaian' }).click();
    await dialog.getByText('RANGKAIAN · Unit Rangkaian').waitFor();
    await dialog.getByLabel('Kata laluan awal').fill('kata-laluan-baharu-1');
    await screenshotBoth(page, 'admin-02-person-form');
    await expectAccessible('person form');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Ahmad Juruteknik' }).waitFor();
    await expectScreens('admin-03-people');

    const [person] = await db.db
      .select()
      .from(people)
      .where(eq(people.email, 'ahmad@test.khidmat.invalid'));
    expect(person?.roles).toEqual(['technician']);
    const [unit] = await db.db.select().from(units).where(eq(units.code, 'RANGKAIAN'));
    const memberships = await db.db
      .select()
      .from(unitMembers)
      .where(and(eq(unitMembers.personId, person!.id), eq(unitMembers.unitId, unit!.id)));
    expect(memberships.map((membership) => membership.role)).toEqual(['member']);
  });

  it("admin edits a category's Malay name", async () => {
    await navigation().getByRole('link', { name: 'Katalog perkhidmatan' }).click();
    await page.getByRole('heading', { name: 'Katalog perkhidmatan', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ubah kategori Tidak boleh akses e-mel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah kategori: Tidak boleh akses e-mel' });
    await dialog.getByLabel('Nama (Bahasa Melayu)').fill('Tidak dapat mengakses e-mel');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Tidak dapat mengakses e-mel', { exact: true }).waitFor();
    await expectScreens('admin-04-catalogue');

    const [row] = await db.db.select().from(categories).where(eq(categories.id, categoryId));
    expect(row?.nameMs).toBe('Tidak dapat mengakses e-mel');
    expect(row?.nameEn).toBe('Cannot access e-mail');
  });

  it('admin reads an acknowledgement in the outbox', async () => {
    await navigation().getByRole('link', { name: 'Peti keluar notifikasi' }).click();
    await page.getByRole('heading', { name: 'Peti keluar notifikasi' }).waitFor();
    await page.getByRole('textbox', { name: 'Nombor aduan' }).fill(reference);
    const subject = `Akuan terima aduan ${reference}`;
    await page.getByRole('button', { name: `Buka: ${subject}` }).waitFor();
    await expectScreens('admin-05-outbox');

    await page.getByRole('button', { name: `Buka: ${subject}` }).click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.getByText('Aduan anda telah diterima.').waitFor();
    await dialog.getByText('Direkodkan sahaja').waitFor();
    await dialog.getByText('Siti Aminah <siti@test.khidmat.invalid>').waitFor();
    await expectScreens('admin-06-outbox-message');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('supervisor follows a process-map box to its list', async () => {
    await page.getByRole('button', { name: 'Log keluar' }).click();
    await page.getByRole('heading', { name: 'Log masuk' }).waitFor();
    await signInAs(supervisorEmail);
    await navigation().getByRole('link', { name: 'Peta proses' }).click();
    await page.getByRole('heading', { name: 'Peta proses: aduan' }).waitFor();
    const main = page.getByRole('main');
    const receive = main.getByRole('link', { name: /^Terima aduan/ });
    await receive.getByText('1 kes').waitFor();
    expect(await receive.getAttribute('href')).toBe('/cases?status=new&unassigned=true');
    await main
      .getByRole('link', { name: /^Laksana penyelenggaraan/ })
      .getByText('0 kes')
      .waitFor();
    await expectScreens('admin-07-process-map');

    await receive.click();
    await page.waitForURL((url) => url.pathname === '/agent');
    expect(new URL(page.url()).searchParams.get('queue')).toBe('unassigned');
    await page.getByRole('main').getByText(reference).first().waitFor();
  });
});
