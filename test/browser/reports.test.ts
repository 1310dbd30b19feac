/**
 * The periodic report in Chromium against the API serving the built web app on the embedded
 * database: open this month's report, change the period, drill from a number to its records, and
 * download the XLSX and the PDF. The PDF's first page is rendered to a PNG with pdftoppm
 * (poppler-utils) next to the screenshots, for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, categories, reportSubscriptions, services } from '../../db/schema';
import { buildTestApp, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { runExclusively } from '../helpers/exclusive';
import {
  ensureWebBuild,
  findChromium,
  openBrowser,
  screenshotBoth,
  screenshotDir,
  seriousAccessibilityViolations,
  type Browser,
  signInOnScreen,
} from './harness';
import './failure-hook';

const chromiumInfo = findChromium();
if (chromiumInfo.missing) {
  console.warn(`\n!!!!! BROWSER TESTS SKIPPED: ${chromiumInfo.missing} !!!!!\n`);
}

/** Year and month (1–12) of an instant in Malaysia. */
function malaysianMonth(instant: Date): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' })
    .format(instant)
    .split('-')
    .map(Number);
  return { year: year!, month: month! };
}

describe.skipIf(chromiumInfo.missing !== null)('periodic report in Chromium', () => {
  let db: TestDatabase;
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let managerEmail: string;
  let release: (() => void) | undefined;
  const now = new Date();
  const thisMonth = malaysianMonth(now);
  const previous =
    thisMonth.month === 1
      ? { year: thisMonth.year - 1, month: 12 }
      : { year: thisMonth.year, month: thisMonth.month - 1 };
  const pad = (value: number) => String(value).padStart(2, '0');

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    db = await openTestDatabase('pglite');
    const unit = await createUnit(db.db, 'RANGKAIAN');
    const [service] = await db.db
      .insert(services)
      .values({ code: 'RANGKAIAN', nameMs: 'Rangkaian', nameEn: 'Network' })
      .returning();
    const [category] = await db.db
      .insert(categories)
      .values({
        serviceId: service!.id,
        code: 'WIFI',
        nameMs: 'Wifi kampus',
        nameEn: 'Campus Wi-Fi',
      })
      .returning();
    const requester = await createPerson(db.db, { roles: ['customer'] });
    const manager = await createPerson(db.db, { roles: ['manager'], name: 'Pengurus Ujian' });
    managerEmail = manager.email;
    const base = {
      description: 'Kes ujian laporan',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
      unitId: unit.id,
      categoryId: category!.id,
    };
    await db.db.insert(cases).values([
      {
        ...base,
        reference: 'ADU-2026-900001',
        title: 'Wifi terputus di perpustakaan',
        status: 'in_progress',
        channel: 'portal',
        openedAt: new Date(now.getTime() - 60_000),
      },
      {
        ...base,
        reference: 'ADU-2026-900002',
        title: 'Wifi perlahan di asrama',
        status: 'closed',
        channel: 'phone',
        openedAt: new Date(`${previous.year}-${pad(previous.month)}-15T02:00:00Z`),
        firstRespondedAt: new Date(`${previous.year}-${pad(previous.month)}-15T03:00:00Z`),
        resolvedAt: new Date(`${previous.year}-${pad(previous.month)}-16T02:00:00Z`),
        closedAt: new Date(`${previous.year}-${pad(previous.month)}-17T02:00:00Z`),
        rating: 4,
        ratedAt: new Date(`${previous.year}-${pad(previous.month)}-17T03:00:00Z`),
      },
    ]);

    testApp = await buildTestApp({ db });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const address = testApp.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
    // Up to 10 minutes waiting for another heavy test file to finish, then the build and start.
  }, 900_000);

  afterAll(async () => {
    try {
      await browser?.close();
      await testApp?.app.close();
      await db?.destroy();
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

  const summary = (label: string) => page.getByRole('link', { name: label, exact: true });

  it('monthly report opens from navigation', async () => {
    await signInOnScreen(page, baseUrl, managerEmail);

    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Laporan berkala' })
      .click();
    await page.getByRole('heading', { name: 'Laporan berkala', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports/periodic');
    await expect.poll(() => summary('Diterima: 1').count()).toBe(1);
    await expect.poll(() => summary('Tertunggak: 1').count()).toBe(1);
    await expectScreens('reports-01-this-month');
  });

  it('period change shows the previous month', async () => {
    if (previous.year !== thisMonth.year) {
      await page.getByRole('combobox', { name: 'Tahun' }).selectOption(String(previous.year));
    }
    await page.getByRole('combobox', { name: 'Bulan' }).selectOption(String(previous.month));
    await page.getByText(`Tempoh: 01/${pad(previous.month)}/${previous.year}`).waitFor();
    await expect.poll(() => summary('Selesai: 1').count()).toBe(1);
    await expect.poll(() => summary('Ditutup: 1').count()).toBe(1);
    expect(page.url()).toContain(`month=${previous.month}`);
    await expectScreens('reports-02-previous-month');
  });

  it('number drills to its records', async () => {
    await summary('Ditutup: 1').click();
    await page.getByRole('heading', { name: 'Rekod di sebalik angka' }).waitFor();
    await page.getByText('1 rekod', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'ADU-2026-900002' }).waitFor();
    expect(await page.getByRole('link', { name: 'ADU-2026-900001' }).count()).toBe(0);
    await expectScreens('reports-03-records');
    await page.getByRole('link', { name: 'Kembali ke laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan berkala', level: 1 }).waitFor();
  });

  it('downloads the xlsx and the pdf', async () => {
    const outputDir = join(screenshotDir, '..', 'reports');
    mkdirSync(outputDir, { recursive: true });

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Muat turun XLSX' }).click();
    const xlsxPath = join(outputDir, 'periodic-report.xlsx');
    await (await xlsxDownload).saveAs(xlsxPath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsxPath) as unknown as ArrayBuffer);
    const firstColumn: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => firstColumn.push(row.getCell(1).text));
    expect(firstColumn).toContain('Laporan Berkala Aduan dan Permohonan');
    expect(firstColumn).toContain('Wifi kampus');

    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Muat turun PDF' }).click();
    const pdfPath = join(outputDir, 'periodic-report.pdf');
    await (await pdfDownload).saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    if (!existsSync('/usr/bin/pdftoppm')) {
      console.warn(
        '\n!!!!! PDF NOT RENDERED: pdftoppm missing (apt-get install poppler-utils) !!!!!\n',
      );
      return;
    }
    const pngPrefix = join(screenshotDir, 'reports-04-pdf');
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
      pngPrefix,
    ]);
    expect(existsSync(`${pngPrefix}.png`)).toBe(true);
  });

  it('manager subscribes to the report', async () => {
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Laporan berkala' })
      .click();
    const section = page.getByRole('region', { name: 'Langganan laporan melalui e-mel' });
    await section.getByText('Anda belum melanggan sebarang laporan.').waitFor();
    await section.getByRole('combobox', { name: 'Laporan' }).selectOption('quarterly');
    await section.getByRole('combobox', { name: 'Bahasa' }).selectOption('en');
    await section.getByRole('combobox', { name: 'Format' }).selectOption('pdf');
    await section.getByRole('button', { name: 'Langgan' }).click();
    await section.getByRole('cell', { name: 'Suku tahunan', exact: true }).waitFor();
    await section.getByRole('cell', { name: 'PDF · Bahasa Inggeris' }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await expectScreens('reports-06-subscriptions');
    const [stored] = await db.db.select().from(reportSubscriptions);
    expect(stored).toMatchObject({ kind: 'quarterly', language: 'en', format: 'pdf' });

    await section.getByRole('button', { name: 'Batal langganan laporan Suku tahunan' }).click();
    await section.getByText('Anda belum melanggan sebarang laporan.').waitFor();
  });

  it('dashboard shows open work and intake', async () => {
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Papan pemuka' })
      .click();
    await page.getByRole('heading', { name: 'Papan pemuka pengurusan', level: 1 }).waitFor();
    const openFigure = page.getByText('Kes terbuka', { exact: true }).first().locator('..');
    await openFigure.getByText('1', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Unit RANGKAIAN' }).waitFor();
    await page.getByText('Kepuasan pelanggan (purata 1–5) bagi 12 bulan').waitFor();
    await expectScreens('reports-05-dashboard');
  });
});
