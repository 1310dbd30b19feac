/**
 * The service-level screens in Chromium against the real stack: the working calendar with its
 * month view and holiday editing, the clock explanation on a case, the queue colours and the
 * charter report. Screenshots at 1280 and 360 px go to test/artifacts/screenshots.
 */
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarHolidays, calendars, caseHistory, cases } from '../../db/schema';
import { johorCalendarCode, seedCalendars } from '../../db/seed/calendars';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { runExclusively } from '../helpers/exclusive';
import { startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
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

const dayMs = 86_400_000;

describe.skipIf(chromiumInfo.missing !== null)('service levels in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let calendarId: string;
  let adminEmail: string;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await seedCalendars(db.db);
    const [calendar] = await db.db
      .select({ id: calendars.id })
      .from(calendars)
      .where(eq(calendars.code, johorCalendarCode));
    calendarId = calendar?.id ?? '';

    const unit = await createUnit(db.db, 'RANGKAIAN');
    const admin = await createPerson(db.db, { roles: ['admin'], name: 'Pentadbir Ujian' });
    adminEmail = admin.email;
    const requester = await createPerson(db.db, { roles: ['customer'], name: 'Siti Aminah' });
    const now = Date.now();
    const base = {
      description: 'Rangkaian Wi-Fi terputus.',
      status: 'in_progress',
      channel: 'portal',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
      unitId: unit.id,
    };
    // Due well ahead (green), nearly due (orange) and past due (red).
    const [onTime] = await db.db
      .insert(cases)
      .values([
        {
          ...base,
          reference: 'ADU-2026-000801',
          title: 'Wi-Fi perlahan di Blok N28',
          openedAt: new Date(now - 14 * dayMs),
          firstRespondedAt: new Date(now - 14 * dayMs + 3_600_000),
          firstResponseDueAt: new Date(now - 13 * dayMs),
          resolutionDueAt: new Date(now + 21 * dayMs),
        },
        {
          ...base,
          reference: 'ADU-2026-000802',
          title: 'Pencetak tidak dapat dicapai',
          openedAt: new Date(now - 30 * dayMs),
          resolutionDueAt: new Date(now + 2 * dayMs),
        },
        {
          ...base,
          reference: 'ADU-2026-000803',
          title: 'Akaun e-mel dikunci',
          openedAt: new Date(now - 10 * dayMs),
          resolutionDueAt: new Date(now - dayMs),
          resolutionBreached: true,
        },
      ])
      .returning();
    if (!onTime) throw new Error('insert into cases returned nothing');
    await db.db.insert(caseHistory).values([
      {
        caseId: onTime.id,
        at: new Date(now - 7 * dayMs),
        action: 'status_changed',
        field: 'status',
        oldValue: 'in_progress',
        newValue: 'waiting_customer',
      },
      {
        caseId: onTime.id,
        at: new Date(now - 5 * dayMs),
        action: 'status_changed',
        field: 'status',
        oldValue: 'waiting_customer',
        newValue: 'in_progress',
      },
    ]);

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
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
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  it('admin opens the calendar month view', async () => {
    await signInOnScreen(page, baseUrl, adminEmail);

    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Kalendar kerja' })
      .click();
    await page.getByRole('heading', { name: 'Kalendar kerja', level: 1 }).waitFor();
    await expectScreens('sla-01-calendars');
    await page.getByRole('link', { name: /Johor/ }).first().click();
    await page.getByRole('heading', { name: 'Cuti umum' }).waitFor();
    await expectScreens('sla-02-calendar');
  });

  it('admin adds and edits a one-off holiday', async () => {
    await page.getByRole('button', { name: 'Tambah cuti' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah cuti' });
    await dialog.locator('input[type="date"]').fill('2026-12-24');
    await dialog.getByLabel('Nama (Bahasa Melayu)').fill('Cuti Peristiwa UTM');
    await dialog.getByLabel('Nama (Bahasa Inggeris)').fill('UTM special holiday');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Cuti Peristiwa UTM').first().waitFor();

    const [row] = await db.db
      .select()
      .from(calendarHolidays)
      .where(eq(calendarHolidays.nameEn, 'UTM special holiday'));
    expect(row).toMatchObject({ calendarId, date: '2026-12-24', kind: 'one_off' });
  });

  it('case page explains the clock', async () => {
    await page.goto(`${baseUrl}/cases/ADU-2026-000801`);
    await page.getByRole('heading', { name: 'Jam SLA' }).waitFor();
    // The case has run for two weeks, so the earlier spans, the pause among them, start hidden.
    await page
      .getByRole('button', { name: /tempoh lebih awal/ })
      .first()
      .click();
    await page.getByText('Dihentikan: menunggu pelanggan').first().waitFor();
    await expectScreens('sla-03-case-clock');
  });

  it('queue colours remaining working time', async () => {
    await page.goto(`${baseUrl}/agent?queue=open`);
    await page.getByText('ADU-2026-000803').waitFor();
    await page
      .getByText(/melanggar SLA/)
      .first()
      .waitFor();
    await expectScreens('sla-04-queue');
  });

  it('charter report shows shares per target', async () => {
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Laporan piagam pelanggan' })
      .click();
    await page.getByRole('heading', { name: 'Laporan piagam pelanggan', level: 1 }).waitFor();
    await page.locator('label[for$="-year"]').click();
    await page.getByText('Jumlah', { exact: true }).waitFor();
    await expectScreens('sla-05-charter');
  });
});
