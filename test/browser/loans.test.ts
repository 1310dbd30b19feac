/**
 * The loan journey in Chromium against the real stack (Temporal dev server, a real worker,
 * PGlite, the API serving the built web app on a loopback port): a customer applies for a
 * projector, the approval chain approves through Temporal, a technician hands it over and checks
 * it in. Screenshots at 1280 and 360 px.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
} from '../../common/approval';
import { inventoryResources } from '../../db/schema';
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

/** The value of a datetime-local input for an instant, in the browser's Malaysian time. */
function localInput(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 60 * 60 * 1000);
  return local.toISOString().slice(0, 16);
}

describe.skipIf(chromiumInfo.missing !== null)('loans in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let headId: string;
  const customerEmail = 'peminjam@test.khidmat.invalid';
  const technicianEmail = 'juruteknik@test.khidmat.invalid';
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertAlwaysOpenCalendar(db.db);
    const multimedia = await createUnit(db.db, 'MULTIMEDIA');
    const faculty = await createUnit(db.db, 'FKE');
    await createPerson(db.db, {
      roles: ['customer'],
      name: 'Nurul Huda',
      email: customerEmail,
      unitIds: [faculty.id],
    });
    await createPerson(db.db, {
      roles: ['technician'],
      name: 'Hafiz Juruteknik',
      email: technicianEmail,
      unitIds: [multimedia.id],
    });
    headId = (await createPerson(db.db, { roles: ['supervisor'], headOf: [faculty.id] })).id;
    await db.db.insert(inventoryResources).values({
      tag: 'UTM-PRJ-0001',
      name: 'Projektor Epson EB-2250U',
      category: 'projector',
      location: 'Stor Multimedia, N28',
      owningUnitId: multimedia.id,
      maxLoanHours: 72,
    });

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

  async function signInAs(email: string) {
    await signInOnScreen(page, baseUrl, email);
  }

  async function expectScreens(name: string) {
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    const overflow = await screenshotBoth(page, name);
    expect(overflow, `${name} overflows 360 px by ${overflow} px`).toBeLessThanOrEqual(0);
  }

  it('customer applies, staff hand over and check in', async () => {
    await signInAs(customerEmail);
    await page.goto(`${baseUrl}/loans/new`);
    await page.getByRole('heading', { name: 'Permohonan pinjaman kemudahan ICT' }).waitFor();
    await page.getByRole('combobox', { name: 'Kelengkapan' }).click();
    await page.getByRole('option', { name: /Projektor Epson/ }).click();
    const start = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const end = new Date(start.getTime() + 4 * 60 * 60 * 1000);
    // Mantine adds an asterisk to the label of a required field.
    await page.getByLabel(/^Mula/).fill(localInput(start));
    await page.getByLabel(/^Tarikh pulang/).fill(localInput(end));
    await page.getByLabel('Tujuan').fill('Taklimat pelajar baharu di Dewan Kuliah');
    await page.getByLabel(/Saya bersetuju/).check();
    await expectScreens('loan-apply');
    await page.getByRole('button', { name: 'Hantar permohonan' }).click();
    const heading = page.getByRole('heading', { name: /^Pinjaman PJM-/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').replace('Pinjaman ', '').trim();
    await page.getByText('Status: Menunggu kelulusan').waitFor();
    await expectScreens('loan-pending');

    const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
    let waiting = false;
    for (let attempt = 0; attempt < 100 && !waiting; attempt += 1) {
      const state = await chain
        .query<ApprovalChainState>(approvalChainStateQueryName)
        .catch(() => null);
      waiting = state?.currentLevel === 1;
      if (!waiting) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await chain.executeUpdate(decideApprovalUpdateName, {
      args: [{ actorId: headId, decision: 'approved', comment: '' }],
    });

    await signInAs(technicianEmail);
    await page.goto(`${baseUrl}/loans`);
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: 'Serahan kelengkapan' }).waitFor();
    await page.getByLabel(/Peminjam mengesahkan/).check();
    await expectScreens('loan-handover');
    await page.getByRole('button', { name: 'Rekod serahan' }).click();
    await page.getByText('Status: Dipinjam').waitFor();

    await page.getByRole('heading', { name: 'Pemulangan kelengkapan' }).waitFor();
    await page.getByRole('button', { name: 'Rekod pemulangan' }).click();
    await page.getByText('Status: Dipulangkan').waitFor();
    await expectScreens('loan-returned');

    await page.goto(`${baseUrl}/inventory/calendar`);
    await page.getByText(reference).first().waitFor();
    await expectScreens('inventory-calendar');
    await page.goto(`${baseUrl}/inventory`);
    await page.getByRole('link', { name: 'UTM-PRJ-0001' }).click();
    await page.getByText('Dipulangkan').first().waitFor();
    await expectScreens('inventory-item');
  }, 240_000);
});
