/**
 * The trend analysis screen in Chromium against the API serving the built web app on the embedded
 * database: open it from the navigation, pick the week of a generated spike, see the flagged
 * category with its chart and the repeated faults, and raise a corrective-action candidate.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, categories, services } from '../../db/schema';
import { buildTestApp, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { runExclusively } from '../helpers/exclusive';
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

/** A Monday; the spike is in the week it starts. */
const testedWeek = '2026-11-23';
const weekMs = 7 * 24 * 60 * 60 * 1000;

describe.skipIf(chromiumInfo.missing !== null)('trend analysis in Chromium', () => {
  let db: TestDatabase;
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let managerEmail: string;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    db = await openTestDatabase('pglite');
    const unit = await createUnit(db.db, 'RANGKAIAN');
    const [network, mailService] = await db.db
      .insert(services)
      .values([
        { code: 'RANGKAIAN', nameMs: 'Rangkaian', nameEn: 'Network' },
        { code: 'EMEL', nameMs: 'E-mel', nameEn: 'E-mail' },
      ])
      .returning();
    const [wifi, mail] = await db.db
      .insert(categories)
      .values([
        { serviceId: network!.id, code: 'WIFI', nameMs: 'Wifi kampus', nameEn: 'Campus Wi-Fi' },
        { serviceId: mailService!.id, code: 'EMEL', nameMs: 'E-mel staf', nameEn: 'Staff e-mail' },
      ])
      .returning();
    const library = await createPerson(db.db, { roles: ['customer'], name: 'Pustakawan Ujian' });
    const hostel = await createPerson(db.db, { roles: ['customer'], name: 'Felo Asrama Ujian' });
    const manager = await createPerson(db.db, { roles: ['manager'], name: 'Pengurus Ujian' });
    managerEmail = manager.email;

    // One case a week in each category for three years, so the seasonal baseline is 1, then eight
    // Wi-Fi cases in the tested week: five from the hostel fellow and three from the librarian.
    const testedStart = new Date(`${testedWeek}T00:00:00+08:00`).getTime();
    const rows: (typeof cases.$inferInsert)[] = [];
    const addCase = (
      category: typeof categories.$inferSelect,
      requesterId: string,
      openedAt: Date,
    ) => {
      rows.push({
        reference: `ADU-2026-${String(700_001 + rows.length)}`,
        title: 'Wifi terputus',
        description: 'Kes ujian trend',
        status: 'in_progress',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId,
        createdById: requesterId,
        unitId: unit.id,
        serviceId: category.serviceId,
        categoryId: category.id,
        openedAt,
      });
    };
    for (let week = 158; week >= 1; week -= 1) {
      addCase(wifi!, library.id, new Date(testedStart - week * weekMs + 3_600_000));
      addCase(mail!, library.id, new Date(testedStart - week * weekMs + 7_200_000));
    }
    for (let index = 0; index < 8; index += 1) {
      const requester = index < 5 ? hostel.id : library.id;
      addCase(wifi!, requester, new Date(testedStart + (index + 1) * 6 * 3_600_000));
    }
    for (let start = 0; start < rows.length; start += 200) {
      await db.db.insert(cases).values(rows.slice(start, start + 200));
    }

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

  const flaggedWifi = () => page.getByRole('region', { name: 'Wifi kampus' });

  it('trends screen opens from navigation', async () => {
    await signInOnScreen(page, baseUrl, managerEmail);

    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Analisa trend aduan' })
      .click();
    await page.getByRole('heading', { name: 'Analisa trend aduan', level: 1 }).waitFor();
    await page.getByText('Belum ada calon.').waitFor();
  });

  it('spike week shows the flag and repeats', async () => {
    await page.getByLabel('Hari dalam minggu').fill('2026-11-26');
    await page.getByText('Minggu: 23/11/2026 – 29/11/2026').waitFor();
    await flaggedWifi().waitFor();
    await expect
      .poll(() =>
        flaggedWifi().getByText('8 kes minggu ini, dijangka 1 (garis dasar bermusim)').count(),
      )
      .toBe(1);
    expect(await page.getByRole('region', { name: 'E-mel staf' }).count()).toBe(0);
    expect(page.url()).toContain('week=2026-11-26');

    const repeated = page.getByRole('row', { name: /Felo Asrama Ujian/ });
    await repeated.waitFor();
    expect(await repeated.getByRole('link').count()).toBe(5);
    await page.getByRole('row', { name: /Pustakawan Ujian/ }).waitFor();
    await expectScreens('trends-01-spike-week');
  });

  it('raising a flag lists the candidate', async () => {
    await flaggedWifi().getByRole('button', { name: 'Cipta calon tindakan pembetulan' }).click();
    await flaggedWifi().getByText('Calon tindakan pembetulan disimpan').waitFor();
    const candidate = page.getByRole('row', { name: /23\/11\/2026 Wifi kampus \(Kategori\)/ });
    await candidate.waitFor();
    await expect.poll(() => candidate.getByText('Terbuka').count()).toBe(1);
    await expectScreens('trends-02-candidate');
  });

  it('previous week has no flag', async () => {
    await page.getByRole('button', { name: 'Minggu sebelumnya' }).click();
    await page.getByText('Minggu: 16/11/2026 – 22/11/2026').waitFor();
    await page.getByText('Tiada kenaikan signifikan pada minggu ini.').waitFor();
    await page.getByText('Tiada kerosakan berulang.').waitFor();
  });
});
