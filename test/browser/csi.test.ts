/**
 * The CSI campaign in Chromium against the real stack (Temporal dev server, a real worker, PGlite
 * and the API serving the built web app): a manager starts a campaign, a staff member responds
 * through the single-use link without signing in, and a used link is explained.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecret, sha256 } from '../../activities/identity/principals';
import { csiCampaigns, csiInvitations, csiLinks, services } from '../../db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { runExclusively } from '../helpers/exclusive';
import { createPerson } from '../helpers/factories';
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

/** Formats an instant as the value of a datetime-local input in Malaysian time. */
function localInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

describe.skipIf(chromiumInfo.missing !== null)('CSI campaign in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let managerEmail: string;
  let release: (() => void) | undefined;
  let reference = '';
  const token = randomSecret();

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await db.db
      .insert(services)
      .values({ code: 'EMEL', nameMs: 'E-mel universiti', nameEn: 'University e-mail' });
    managerEmail = (await createPerson(db.db, { roles: ['manager'], name: 'Pengurus Kualiti' }))
      .email;
    for (const name of ['Aminah Staf', 'Rahim Staf']) {
      await createPerson(db.db, { roles: ['customer'], name });
    }
    stack = await startStack(env, db);
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('API has no TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await openBrowser(chromiumInfo.path);
    page = browser.page;
    // Up to 10 minutes waiting for another heavy test file, then the build and the stack's start.
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

  it('manager starts a campaign', async () => {
    await signInOnScreen(page, baseUrl, managerEmail);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Kempen CSI' })
      .click();
    await page.getByRole('heading', { name: /^Kempen indeks kepuasan/, level: 1 }).waitFor();
    await page.getByText('Belum ada kempen.').waitFor();

    await page.getByLabel(/^Tajuk \(Bahasa Melayu\)/).fill('CSI Separuh Tahun 2026');
    await page.getByLabel(/^Tajuk \(Bahasa Inggeris\)/).fill('CSI First Half 2026');
    await page.getByRole('combobox', { name: /^Perkhidmatan yang dinilai/ }).click();
    await page.getByRole('option', { name: 'E-mel universiti' }).click();
    await page.getByRole('combobox', { name: /^Perkhidmatan yang dinilai/ }).press('Escape');
    await page.getByLabel(/^Pelajar dijemput/).fill('0');
    await page
      .getByLabel(/^Ditutup pada/)
      .fill(localInput(new Date(Date.now() + 7 * 24 * 3_600_000)));
    await expectScreens('csi-01-new');
    await page.getByRole('button', { name: 'Mulakan kempen' }).click();

    const heading = page.getByRole('heading', { name: /^CSI-\d{4}-\d{6}$/, level: 1 });
    await heading.waitFor();
    reference = (await heading.textContent()) ?? '';
    await page.getByText('Populasi: Staf 100%').waitFor();
    await page.getByText('Keputusan dipaparkan selepas kempen ditutup', { exact: false }).waitFor();
    await expectScreens('csi-02-campaign');
  });

  it('staff answers from the link once', async () => {
    const [campaign] = await db.db.select({ id: csiCampaigns.id }).from(csiCampaigns);
    // The workflow opens the campaign and writes its invitations; wait at most 30 s.
    let invitationId: string | undefined;
    for (let attempt = 0; attempt < 60 && !invitationId; attempt += 1) {
      const [invitation] = await db.db
        .select({ id: csiInvitations.id, campaignId: csiInvitations.campaignId })
        .from(csiInvitations);
      invitationId = invitation?.campaignId === campaign?.id ? invitation?.id : undefined;
      if (!invitationId) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(invitationId, `no invitation of ${reference}`).toBeDefined();
    // The e-mailed token is not kept, so the test adds a link of its own to one invitation.
    await db.db
      .insert(csiLinks)
      .values({ tokenHash: sha256(token), invitationId: invitationId!, purpose: 'reminder:9' });

    await page.context().clearCookies();
    await page.goto(`${baseUrl}/csi/respond/${token}`);
    await page.getByRole('heading', { name: 'CSI Separuh Tahun 2026', level: 1 }).waitFor();
    for (const question of [
      'Kepuasan keseluruhan terhadap perkhidmatan',
      'Kepantasan tindakan',
      'Kesopanan dan bantuan kakitangan',
    ]) {
      await page
        .getByRole('radio', { name: `4 bagi ${question}, E-mel universiti`, exact: true })
        .check();
    }
    await expectScreens('csi-03-respond');
    await page.getByRole('button', { name: 'Hantar jawapan' }).click();
    await page.getByText('Jawapan anda telah direkodkan.').waitFor();

    await page.goto(`${baseUrl}/csi/respond/${token}`);
    await page.getByText('Pautan ini telah digunakan', { exact: false }).waitFor();
    await page.goto(`${baseUrl}/csi/respond/${'x'.repeat(43)}`);
    await page.getByText('Pautan ini tidak sah', { exact: false }).waitFor();
    await expectScreens('csi-04-invalid-link');
  });
});
