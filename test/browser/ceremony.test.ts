/**
 * The event support journey in Chromium against the real stack (Temporal dev server, a real
 * worker, PGlite, the API serving the built web app on a loopback port): a customer requests
 * support, the approval chain approves through Temporal, the support unit's head forms the team,
 * a technician ticks the checklist, writes the day's log and reconciles the equipment, and the
 * customer rates the support. Screenshots at 1280 and 360 px.
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
import { ceremonySupportUnitCode } from '../../common/ceremony';
import { inventoryResources } from '../../db/schema';
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

const second = 1000;
const hour = 60 * 60 * second;

/** Formats an instant as a datetime-local input value in the browser's Malaysian time. */
function localInput(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * hour);
  return local.toISOString().slice(0, 16);
}

describe.skipIf(chromiumInfo.missing !== null)('event support in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let approverId: string;
  let speakerId: string;
  const customerEmail = 'pemohon.majlis@test.khidmat.invalid';
  const headEmail = 'ketua.multimedia@test.khidmat.invalid';
  const technicianEmail = 'juruteknik.majlis@test.khidmat.invalid';
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertAlwaysOpenCalendar(db.db);
    const multimedia = await createUnit(db.db, ceremonySupportUnitCode);
    const faculty = await createUnit(db.db, 'FKE');
    await createPerson(db.db, {
      roles: ['customer'],
      name: 'Nurul Huda',
      email: customerEmail,
      unitIds: [faculty.id],
    });
    await createPerson(db.db, {
      roles: ['supervisor'],
      name: 'Rahman Ketua Multimedia',
      email: headEmail,
      headOf: [multimedia.id],
    });
    await createPerson(db.db, {
      roles: ['technician'],
      name: 'Hafiz Juruteknik',
      email: technicianEmail,
      unitIds: [multimedia.id],
    });
    approverId = (await createPerson(db.db, { roles: ['supervisor'], headOf: [faculty.id] })).id;
    const [speaker] = await db.db
      .insert(inventoryResources)
      .values({
        tag: 'UTM-PA-0001',
        name: 'Sistem PA Bose L1',
        category: 'pa_system',
        location: 'Stor Multimedia, N28',
        owningUnitId: multimedia.id,
      })
      .returning({ id: inventoryResources.id });
    if (!speaker) throw new Error('insert into inventory_resources returned nothing');
    speakerId = speaker.id;

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

  async function approve(reference: string) {
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
      args: [{ actorId: approverId, decision: 'approved', comment: '' }],
    });
  }

  /** Reloads the event page until it shows the text, as the workflow moves on in real time. */
  async function waitForText(url: string, label: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.goto(url);
      const shown = await page
        .getByText(label, { exact: true })
        .first()
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (shown) return;
      if (Date.now() > deadline) {
        const main = await page.locator('main').innerText();
        throw new Error(`the event never showed ${label}; the page showed: ${main}`);
      }
      await page.waitForTimeout(2_000);
    }
  }

  it('customer requests, staff prepare and reconcile, customer rates', async () => {
    await signInAs(customerEmail);
    await page.goto(`${baseUrl}/ceremonies/new`);
    await page
      .getByRole('heading', { name: 'Permohonan sokongan upacara & teknikal ICT' })
      .waitFor();
    const start = new Date(Date.now() + 48 * hour);
    await page.getByLabel('Nama majlis').fill('Majlis Konvokesyen ke-70');
    await page.getByLabel('Tempat').fill('Dewan Sultan Iskandar');
    await page.getByLabel('Mula').fill(localInput(start));
    await page.getByLabel('Tamat').fill(localInput(new Date(start.getTime() + 4 * hour)));
    await page.getByLabel('Sistem PA').check();
    await page.getByLabel('Siaran langsung').check();
    await expectScreens('ceremony-request');
    await page.getByRole('button', { name: 'Hantar permohonan' }).click();
    const heading = page.getByRole('heading', { name: /UPC-\d{4}-\d{6}/ });
    await heading.waitFor();
    await page.getByText('Menunggu kelulusan').first().waitFor();
    await expectScreens('ceremony-pending');

    // The rest of the journey runs in real time, so this event starts within a minute.
    const session = await signIn(stack.app, customerEmail);
    const now = Date.now();
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/ceremonies',
      headers: session.headers,
      payload: {
        title: 'Taklimat Keselamatan Siber',
        venue: 'Auditorium N28',
        startsAt: new Date(now + 60 * second).toISOString(),
        endsAt: new Date(now + 90 * second).toISOString(),
        audienceSize: 120,
        needs: ['pa_system'],
        resourceIds: [speakerId],
      },
    });
    expect(created.statusCode).toBe(201);
    const { reference } = created.json<{ reference: string }>();
    await approve(reference);
    const url = `${baseUrl}/ceremonies/${reference}`;

    await signInAs(headEmail);
    await waitForText(url, 'Pasukan kerja', 30 * second);
    await page.getByRole('combobox', { name: 'Juruteknik' }).click();
    await page.getByRole('option', { name: 'Hafiz Juruteknik' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Simpan pasukan' }).click();
    await page.getByText('Hafiz Juruteknik', { exact: true }).first().waitFor();
    await expectScreens('ceremony-team');

    await signInAs(technicianEmail);
    await page.goto(url);
    await page.getByLabel('Sistem PA: dipasang').click();
    await page
      .getByText(/ditanda oleh Hafiz Juruteknik/)
      .first()
      .waitFor();
    await page.getByLabel('Sistem PA: diuji').click();
    await page
      .getByText(/ditanda oleh Hafiz Juruteknik/)
      .nth(1)
      .waitFor();
    await expectScreens('ceremony-checklist');

    await waitForText(url, 'Sedang berlangsung', 90 * second);
    await page.getByLabel('Catatan log').fill('Ujian bunyi selesai, mikrofon kedua diganti');
    await page.getByRole('button', { name: 'Tambah catatan' }).click();
    await page
      .getByText(/mikrofon kedua diganti/)
      .first()
      .waitFor();
    await expectScreens('ceremony-log');

    await waitForText(url, 'Kemaskini inventori', 90 * second);
    await page.getByRole('combobox', { name: /Status selepas majlis/ }).click();
    await page.getByRole('option', { name: 'Rosak' }).click();
    await page.getByLabel('Butiran kerosakan').fill('Kon pembesar suara kiri koyak');
    await expectScreens('ceremony-reconcile');
    await page.getByRole('button', { name: 'Simpan kemaskini' }).click();
    await page.getByText(/Aduan kerosakan ADU-/).waitFor();

    await signInAs(customerEmail);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Nilaikan sokongan teknikal' }).waitFor();
    // Mantine's Rating keeps its radio inputs off screen, so click the fourth star's label.
    await page.locator('.mantine-Rating-label').nth(3).click();
    await page.getByRole('button', { name: 'Hantar penilaian' }).click();
    await page.getByText(/^Penilaian: [1-5]\/5$/).waitFor();
    await expectScreens('ceremony-rated');

    await signInAs(headEmail);
    await page.goto(`${baseUrl}/ceremonies/calendar`);
    await page.getByRole('link', { name: 'Taklimat Keselamatan Siber' }).waitFor();
    await expectScreens('ceremony-calendar');
    await page.goto(`${baseUrl}/ceremonies`);
    await page.getByRole('link', { name: reference }).waitFor();
    await expectScreens('ceremony-list');
  }, 400_000);
});
