/**
 * The approvals inbox in Chromium against the real stack (dev server, worker, PGlite): a customer
 * applies for an ICT facility, the unit head approves it from the inbox, and the customer sees the
 * application move on to provisioning. Screens at 1280 and 360 px, with an axe check each.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDelegations, facilityItems, slaPolicies } from '../../db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { runExclusively } from '../helpers/exclusive';
import { createPerson, createUnit } from '../helpers/factories';
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

describe.skipIf(chromiumInfo.missing !== null)('approvals inbox in Chromium', () => {
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
    const faculty = await createUnit(db.db, 'FAKULTI-SAINS');
    const apps = await createUnit(db.db, 'APLIKASI');
    await db.db.insert(facilityItems).values({
      code: 'PERISIAN-MATLAB',
      nameMs: 'Lesen perisian MATLAB',
      nameEn: 'MATLAB software licence',
      kind: 'software',
      unitId: apps.id,
      fields: [
        {
          key: 'purpose',
          labelMs: 'Tujuan permohonan',
          labelEn: 'Purpose of the application',
          type: 'text',
          required: true,
        },
      ],
      provisionSteps: ['Daftar lesen', 'Jana kunci pengaktifan'],
      downloadUrl: 'https://software.example.invalid/matlab',
    });
    const customer = await createPerson(db.db, {
      roles: ['customer'],
      name: 'Nurul Huda',
      unitIds: [faculty.id],
    });
    const head = await createPerson(db.db, {
      roles: ['supervisor'],
      name: 'Dr. Rahim Ketua',
      headOf: [faculty.id],
    });
    await createPerson(db.db, { roles: ['supervisor'], name: 'Puan Aminah Timbalan' });
    const technician = await createPerson(db.db, {
      roles: ['technician'],
      name: 'Hafiz Aplikasi',
      unitIds: [apps.id],
    });
    // Provision is due three working days after approval.
    await db.db.insert(slaPolicies).values({
      code: 'facility-request',
      nameMs: 'Permohonan kemudahan ICT',
      nameEn: 'ICT facility request',
      workflowType: 'facilityRequest',
      resolution: { kind: 'workingDays', days: 3 },
    });
    Object.assign(emails, {
      customer: customer.email,
      head: head.email,
      technician: technician.email,
    });

    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
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

  it('customer applies for a facility', async () => {
    await signInAs(emails.customer!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByText('Permohonan kemudahan')
      .click();
    await page.getByRole('heading', { name: 'Permohonan kemudahan saya' }).waitFor();
    await page.getByRole('link', { name: 'Mohon kemudahan' }).click();
    await page.getByRole('heading', { name: 'Permohonan kemudahan ICT' }).waitFor();
    await page.getByRole('combobox', { name: 'Kemudahan' }).click();
    await page.getByRole('option', { name: 'Lesen perisian MATLAB' }).click();
    await page
      .getByRole('textbox', { name: 'Tujuan permohonan' })
      .fill('Analisis data tesis sarjana');
    await expectScreens('61-facility-apply');

    await page.getByRole('button', { name: 'Hantar permohonan' }).click();
    await page.waitForURL(/\/facilities\/PKM-\d{4}-\d{6}$/);
    reference = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { name: reference }).waitFor();
    await page.getByText('Semak & lulus', { exact: true }).first().waitFor();
    await expectScreens('62-facility-submitted');
  });

  it('approver decides gate from inbox', async () => {
    await signInAs(emails.head!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByText('Tugasan kelulusan')
      .click();
    await page.getByRole('heading', { name: 'Tugasan kelulusan' }).waitFor();
    const card = page.getByRole('article', { name: reference });
    // The chain writes its task a moment after the application starts; reload until it shows.
    for (let attempt = 0; attempt < 20 && !(await card.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await card.getByText('Pemohon: Nurul Huda', { exact: false }).waitFor();
    await expectScreens('63-approvals-inbox');

    await card.getByRole('button', { name: 'Tolak' }).click();
    await card.getByText('Nyatakan sebab penolakan.').waitFor();
    await card.getByRole('textbox', { name: 'Ulasan' }).fill('Disokong untuk penyelidikan');
    await card.getByRole('button', { name: 'Lulus' }).click();
    await page.getByText('Diluluskan. Permohonan kini bergerak ke penyediaan.').waitFor();
    await page.getByText('Tiada tugasan kelulusan yang menunggu anda.').waitFor();
    await expectScreens('64-approvals-decided');
  });

  it('approver names then revokes a delegate', async () => {
    const navigation = page.getByRole('navigation', { name: 'Navigasi utama' });
    // The staff navigation is grouped by section, each section titled.
    await navigation.getByRole('region', { name: 'Tugasan' }).waitFor();
    await navigation.getByRole('link', { name: 'Delegasi kelulusan' }).click();
    await page.getByRole('heading', { name: 'Delegasi kelulusan', level: 1 }).waitFor();
    await page.getByText('Tiada delegasi.').waitFor();

    await page.getByRole('combobox', { name: /^Pemangku/ }).fill('Aminah');
    await page.getByRole('option', { name: 'Puan Aminah Timbalan' }).click();
    await page.getByLabel(/^Sebab/).fill('Cuti tahunan');
    // An end before the start comes back from the API as an error at the end date.
    const startsOn = await page.getByLabel(/^Dari tarikh/).inputValue();
    const dayBefore = new Date(Date.parse(`${startsOn}T00:00:00Z`) - 86_400_000);
    await page.getByLabel(/^Hingga tarikh/).fill(dayBefore.toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Simpan delegasi' }).click();
    await page.getByText('Tarikh akhir mesti sama dengan atau selepas tarikh mula.').waitFor();
    await page.getByLabel(/^Hingga tarikh/).fill(startsOn);
    await page.getByRole('button', { name: 'Simpan delegasi' }).click();
    await page.getByText('Delegasi disimpan.').waitFor();
    const row = page.getByRole('row', { name: /Puan Aminah Timbalan/ });
    await row.getByText('Berkuat kuasa').waitFor();
    await expectScreens('67-delegations');

    await row
      .getByRole('button', { name: 'Batalkan delegasi kepada Puan Aminah Timbalan' })
      .click();
    await row.getByText('Dibatalkan').waitFor();
    const [stored] = await db.db.select().from(approvalDelegations);
    expect(stored?.reason).toBe('Cuti tahunan');
    expect(stored?.revokedAt).not.toBeNull();
  });

  it('customer sees approval result', async () => {
    await signInAs(emails.customer!);
    await page.goto(`${baseUrl}/facilities/${reference}`);
    await page.getByRole('heading', { name: reference }).waitFor();
    // The workflow records the approval right after the decision; reload until it shows.
    const badge = page.getByText('Dalam penyediaan', { exact: true });
    for (let attempt = 0; attempt < 20 && !(await badge.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await badge.waitFor();
    await page.getByText('Disokong untuk penyelidikan', { exact: false }).first().waitFor();
    await expectScreens('65-facility-approved');
  });

  it('provider provides, customer acknowledges', async () => {
    await signInAs(emails.technician!);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Penyediaan kemudahan' })
      .click();
    await page.getByRole('heading', { name: 'Penyediaan kemudahan ICT' }).waitFor();
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: reference }).waitFor();
    await page.getByText('Perlu disediakan sebelum', { exact: false }).waitFor();
    await expectScreens('68-facility-provision');
    await page.getByRole('button', { name: 'Tandakan selesai: Daftar lesen' }).click();
    await page.getByText('Daftar lesen · selesai', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Tandakan selesai: Jana kunci pengaktifan' }).click();
    const handedOver = page.getByText('Menunggu akuan terima', { exact: true });
    for (let attempt = 0; attempt < 20 && !(await handedOver.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await handedOver.waitFor();

    await signInAs(emails.customer!);
    await page.goto(`${baseUrl}/facilities/${reference}`);
    await page.getByRole('button', { name: 'Sahkan penerimaan' }).click();
    const completed = page.getByText('Selesai', { exact: true });
    for (let attempt = 0; attempt < 20 && !(await completed.isVisible()); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await completed.waitFor();
    await page.getByRole('link', { name: 'Muat turun perisian' }).waitFor();
    await expectScreens('69-facility-completed');
  });

  it('invalid decision link is explained', async () => {
    await page.goto(`${baseUrl}/approvals/link/${'x'.repeat(43)}`);
    await page.getByText('Pautan ini tidak sah.').waitFor();
    await expectScreens('66-approval-link-invalid');
  });
});
