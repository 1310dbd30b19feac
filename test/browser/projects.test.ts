/**
 * The ICT project screens in Chromium against the real stack (dev server, worker, PGlite). The
 * administrator saves the project settings, and a customer raises an ICT need with its study
 * report. The division management passes the first gates with their documents and the approver
 * approves. The presentation is not accepted once, then accepted, and the portfolio and the
 * timeline show the project at its handover. Screens at 1280 and 360 px, with an axe check each.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { runExclusively } from '../helpers/exclusive';
import { createPerson, createUnit } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';
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

describe.skipIf(chromiumInfo.missing !== null)('ICT project screens in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let reference = '';
  const emails: Record<string, string> = {};
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertAlwaysOpenCalendar(db.db);
    const faculty = await createUnit(db.db, 'FAKULTI-KOMPUTERAN');
    const customer = await createPerson(db.db, {
      roles: ['customer'],
      name: 'Siti Pemohon',
      unitIds: [faculty.id],
    });
    const manager = await createPerson(db.db, { roles: ['manager'], name: 'Encik Pengurus' });
    const approver = await createPerson(db.db, { roles: ['approver'], name: 'Dr. Pelulus' });
    const admin = await createPerson(db.db, { roles: ['admin'], name: 'Pentadbir Sistem' });
    Object.assign(emails, {
      customer: customer.email,
      manager: manager.email,
      approver: approver.email,
      admin: admin.email,
    });

    stack = await startStack(env, db);
    // The administrator names the approver of projects the division management approves, as
    // the approval rules screen does.
    const session = await signIn(stack.app, admin.email);
    const rule = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/approval-rules',
      headers: session.headers,
      payload: {
        name: 'Projek ICT: pengurusan',
        subjectKind: 'ictProject',
        category: 'ictProject:division',
        priority: 10,
        levels: [{ mode: 'any', approvers: [{ type: 'person', personId: approver.id }] }],
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);

    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // Up to 10 minutes of waiting for other browser tests' lock, then the stack's start.
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
    await page.evaluate('window.scrollTo(0, 0)');
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  async function signInAs(email: string) {
    await signInOnScreen(page, baseUrl, email);
  }

  /** Reloads until the locator shows, because the workflow opens the next step after a moment. */
  async function reloadUntilVisible(locator: Locator) {
    for (let attempt = 0; attempt < 30 && !(await locator.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    }
    await locator.waitFor();
  }

  const gate = (name: string) => page.getByRole('listitem', { name, exact: true });

  /** Attaches a document as a link in the waiting gate's form. */
  async function attach(gateName: string, title: string) {
    const item = gate(gateName);
    await item.getByLabel(/^Tajuk dokumen/).fill(title);
    await item.getByLabel(/^Pautan dokumen/).fill('https://docs.utm.test/projek/dokumen.pdf');
    await item.getByRole('button', { name: 'Lampirkan' }).click();
    await page.getByRole('link', { name: title }).waitFor();
  }

  /**
   * Attaches a document as an uploaded file in the waiting gate's form: first without a file,
   * which the form refuses, then with one, and downloads it back from the project's link.
   */
  async function attachFile(gateName: string, title: string) {
    const item = gate(gateName);
    await item.getByLabel(/^Tajuk dokumen/).fill(title);
    await item.getByText('Fail', { exact: true }).click();
    await item.getByRole('button', { name: 'Lampirkan' }).click();
    await item.getByText('Pilih fail untuk dimuat naik.').waitFor();
    await expectScreens('83b-project-document-file');

    const content = 'Laporan penilaian projek makmal: disyorkan untuk kelulusan.';
    await item.locator('input[type="file"]').setInputFiles({
      name: 'penilaian.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(content),
    });
    await item.getByRole('button', { name: 'Lampirkan' }).click();
    const link = page.getByRole('link', { name: title });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/projects\/.+\/documents\//);
    const download = await page.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe(content);
  }

  /** Waits for the gate to open for the manager's decision and decides it with the button. */
  async function decide(gateName: string, button = 'Ya, teruskan') {
    const item = gate(gateName);
    await reloadUntilVisible(item.getByRole('button', { name: button, exact: true }));
    await item.getByRole('button', { name: button, exact: true }).click();
  }

  it('admin saves project settings', async () => {
    await signInAs(emails.admin!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Tetapan projek ICT' })
      .click();
    await page.getByRole('heading', { name: 'Tetapan projek ICT', level: 1 }).waitFor();

    // A tender threshold below the quotation threshold comes back as an error at that field.
    const tender = page.getByLabel(/^Tender melebihi/);
    await tender.fill('10000');
    await page.getByRole('button', { name: 'Simpan tetapan' }).click();
    await page
      .getByText('Masukkan amaun yang sah; setiap ambang mesti melebihi ambang sebelumnya.')
      .waitFor();
    await tender.fill('500000');
    await page.getByLabel(/^E-mel pejabat bendahari/).fill('bendahari@utm.test');
    await page.getByRole('button', { name: 'Simpan tetapan' }).click();
    await page.getByText('Tetapan disimpan.').waitFor();
    await page.getByText('oleh Pentadbir Sistem', { exact: false }).waitFor();
    await expectScreens('80-project-settings');
  });

  it('customer raises an ICT need', async () => {
    await signInAs(emails.customer!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Projek ICT saya' })
      .click();
    await page.getByRole('heading', { name: 'Projek ICT saya', level: 1 }).waitFor();
    await page.getByText('Tiada projek ICT.').waitFor();
    await page.getByRole('link', { name: 'Kemukakan keperluan ICT' }).click();
    await page.getByRole('heading', { name: 'Kemukakan keperluan ICT', level: 1 }).waitFor();

    const title = page.getByLabel(/^Tajuk/);
    const description = page.getByLabel(/^Keterangan/);
    await title.fill('Sistem tempahan makmal komputer');
    await description.fill('Sistem tempahan makmal untuk pelajar fakulti');
    await page.getByLabel(/^Anggaran nilai/).fill('300000');
    const procurement = page.getByRole('switch', { name: 'Perlu perolehan?' });
    await procurement.click();
    expect(await procurement.isChecked()).toBe(false);
    await expectScreens('81-project-new');

    // Fields left empty come back named in Malay, each at its own field.
    await title.fill('');
    await description.fill('');
    await page.getByRole('button', { name: 'Hantar keperluan' }).click();
    await page.getByText('Masukkan tajuk (maksimum 200 aksara).').waitFor();
    await page.getByText('Masukkan keterangan (maksimum 4,000 aksara).').waitFor();
    expect(
      await page.getByText('Masukkan nilai lebih daripada RM 0', { exact: false }).count(),
    ).toBe(0);
    await title.fill('Sistem tempahan makmal komputer');
    await description.fill('Sistem tempahan makmal untuk pelajar fakulti');

    await page.getByRole('button', { name: 'Hantar keperluan' }).click();
    await page.waitForURL(/\/projects\/PRJ-\d{4}-\d{6}$/);
    reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    await page.getByText('Pihak pelulus: Pengurusan UTMDigital').first().waitFor();
    const study = gate('Kajian awal projek');
    await study.getByText('Menunggu keputusan').waitFor();
    await study.getByText('Dokumen belum dilampirkan: Laporan kajian awal').waitFor();
    // The applicant attaches the study report but does not decide the gate.
    expect(await study.getByRole('button', { name: 'Ya, teruskan' }).count()).toBe(0);
    await attach('Kajian awal projek', 'Laporan kajian awal makmal');
    expect(await study.getByText('Dokumen belum dilampirkan', { exact: false }).count()).toBe(0);
    await expectScreens('82-project-raised');
  });

  it('manager passes first gates with documents', async () => {
    await signInAs(emails.manager!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Portfolio projek ICT' })
      .click();
    await page.getByRole('heading', { name: 'Portfolio projek ICT', level: 1 }).waitFor();
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();

    await decide('Kajian awal projek');
    await decide('Projek aplikasi?');
    await decide('Menepati kriteria projek?');
    // "Yes" without the evaluation report is refused with the reason in Malay.
    await decide('Penilaian projek');
    await page.getByText('Lampirkan dokumen yang diperlukan sebelum keputusan Ya.').waitFor();
    await expectScreens('83-project-gate-missing-document');
    await attachFile('Penilaian projek', 'Laporan penilaian projek makmal');
    await decide('Penilaian projek');
    await reloadUntilVisible(page.getByText('Menunggu kelulusan', { exact: true }).first());
    await gate('Penilaian projek').getByText('Lulus', { exact: true }).waitFor();
  });

  it('approver approves the project', async () => {
    await signInAs(emails.approver!);
    await page.goto(`${baseUrl}/projects/${reference}`);
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    const approve = page.getByRole('button', { name: 'Lulus', exact: true });
    await reloadUntilVisible(approve);
    await expectScreens('84-project-approval');
    await approve.click();
    const approval = page.getByRole('region', { name: 'Kelulusan pengurusan' });
    await approval.getByText('Diluluskan', { exact: true }).waitFor();
    expect(await approve.count()).toBe(0);
  });

  it('presentation not accepted, then accepted', async () => {
    await signInAs(emails.manager!);
    await page.goto(`${baseUrl}/projects/${reference}`);
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();

    await reloadUntilVisible(gate('Kick-off projek').getByRole('button', { name: 'Lampirkan' }));
    await attach('Kick-off projek', 'Minit mesyuarat kelulusan');
    await decide('Kick-off projek');
    await reloadUntilVisible(
      gate('Pengujian, verifikasi & validasi').getByRole('button', { name: 'Lampirkan' }),
    );
    await attach('Pengujian, verifikasi & validasi', 'Laporan pengujian UAT');
    await decide('Pengujian, verifikasi & validasi');

    // "Not accepted" needs the reason, then development and testing go round once more.
    const presentation = 'Pembentangan kepada pelanggan — diterima?';
    await decide(presentation, 'Tidak diterima');
    await page.getByText('Nyatakan sebab untuk keputusan Tidak.').waitFor();
    await gate(presentation)
      .getByLabel(/^Sebab/)
      .fill('Skrin tempahan perlu paparan mingguan');
    await gate(presentation).getByRole('button', { name: 'Tidak diterima' }).click();
    // The new round of testing needs its own test report.
    await reloadUntilVisible(
      gate('Pengujian, verifikasi & validasi').getByRole('button', { name: 'Lampirkan' }),
    );
    await attach('Pengujian, verifikasi & validasi', 'Laporan pengujian UAT pusingan 2');
    await decide('Pengujian, verifikasi & validasi');
    await reloadUntilVisible(gate(presentation).getByText('Tidak diterima 1 kali'));
    await reloadUntilVisible(gate(presentation).getByRole('button', { name: 'Lampirkan' }));
    await attach(presentation, 'Rekod penerimaan pelanggan');
    await decide(presentation, 'Diterima');
    await reloadUntilVisible(
      gate('Serahan kepada pengguna').getByText('Menunggu keputusan', { exact: true }),
    );
    await page
      .getByText('Skrin tempahan perlu paparan mingguan', { exact: false })
      .first()
      .waitFor();
    await expectScreens('85-project-presentation-accepted');
  });

  it('portfolio and timeline show the project', async () => {
    // The manager, a project officer, adds a milestone for the timeline to draw.
    const milestones = page.getByRole('region', { name: 'Pencapaian' });
    await milestones.getByLabel(/^Pencapaian/).fill('Pembangunan modul tempahan');
    await milestones.getByLabel(/^Mula dirancang/).fill('2026-01-05');
    await milestones.getByLabel(/^Tamat dirancang/).fill('2026-03-31');
    await milestones.getByLabel(/^Mula sebenar/).fill('2026-01-12');
    await milestones.getByRole('button', { name: 'Tambah pencapaian' }).click();
    await milestones
      .getByRole('cell', { name: 'Pembangunan modul tempahan', exact: true })
      .waitFor();

    // The team takes a person found by name, and the risk register scores likelihood × impact.
    const team = page.getByRole('region', { name: 'Pasukan teknikal & pengurusan' });
    await team.getByRole('combobox', { name: /^Ahli/ }).fill('Siti');
    await page.getByRole('option', { name: /Siti Pemohon/ }).click();
    await team.getByRole('button', { name: 'Tambah ahli' }).click();
    await team
      .getByRole('cell', { name: /^Siti Pemohon/ })
      .first()
      .waitFor();
    const risks = page.getByRole('region', { name: 'Daftar risiko' });
    await risks.getByLabel(/^Risiko/).fill('Vendor lewat menyerahkan modul');
    await risks.getByLabel(/^Mitigasi/).fill('Pantau kemajuan setiap minggu');
    await risks.getByRole('button', { name: 'Tambah risiko' }).click();
    await risks
      .getByRole('cell', { name: 'Vendor lewat menyerahkan modul', exact: true })
      .waitFor();
    await risks.getByText('9 (3 × 3)').waitFor();
    await expectScreens('88-project-records');

    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Portfolio projek ICT' })
      .click();
    await page.getByRole('heading', { name: 'Portfolio projek ICT', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Titik keputusan semasa' }).click();
    await page.getByRole('option', { name: 'Serahan kepada pengguna' }).click();
    await page.waitForURL(/gate=handover/);
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Serahan', { exact: true }).waitFor();
    await row.getByText('Serahan kepada pengguna', { exact: true }).waitFor();
    await row.getByText('Siti Pemohon (FAKULTI-KOMPUTERAN)').waitFor();
    await expectScreens('86-project-portfolio');

    // No project waits at the study, so that filter lists none.
    await page.getByRole('combobox', { name: 'Titik keputusan semasa' }).click();
    await page.getByRole('option', { name: 'Kajian awal projek' }).click();
    await page.getByText('Tiada projek ICT.').waitFor();

    await page.goto(`${baseUrl}/projects/${reference}`);
    await page.getByRole('link', { name: 'Garis masa' }).click();
    await page.getByRole('heading', { name: `Garis masa ${reference}`, level: 1 }).waitFor();
    const chart = page.getByRole('region', { name: 'Carta garis masa projek' });
    await chart.getByRole('rowheader', { name: 'Pembangunan modul tempahan' }).waitFor();
    await page.getByRole('cell', { name: 'Kelulusan pengurusan', exact: true }).waitFor();
    await expectScreens('87-project-timeline');
  });

  it('handover closes the project', async () => {
    await page.goto(`${baseUrl}/projects/${reference}`);
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    const handover = 'Serahan kepada pengguna';
    await attach(handover, 'Rekod serahan sistem tempahan');
    await decide(handover);
    // Without procurement there is no guarantee to refund, so the handover closes the project.
    await reloadUntilVisible(page.getByText('Projek ditutup', { exact: true }).first());
    await gate(handover).getByText('Lulus', { exact: true }).waitFor();
    await expectScreens('89-project-closed');

    // The applicant finds the project closed in their own list.
    await signInAs(emails.customer!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Projek ICT saya' })
      .click();
    await page.getByRole('heading', { name: 'Projek ICT saya', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Ditutup', { exact: true }).waitFor();
  });
});
