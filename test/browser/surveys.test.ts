/**
 * Surveys in Chromium against the API serving the built web app on the embedded database: the
 * public survey form (a required question left out, then answered with a low score, then the
 * link used again), the unit head's follow-up from open to closed, and the survey results.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecret, sha256 } from '../../activities/identity/principals';
import { surveyInvitations, surveyLinks } from '../../db/schema';
import { buildTestApp, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { runExclusively } from '../helpers/exclusive';
import { createSurveyFixture, myt } from '../surveys/fixtures';
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

describe.skipIf(chromiumInfo.missing !== null)('surveys in Chromium', () => {
  let db: TestDatabase;
  let testApp: TestApp;
  let baseUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let token: string;
  let reference: string;
  let headEmail: string;
  let managerEmail: string;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ensureWebBuild();
    db = await openTestDatabase('pglite');
    const fixture = await createSurveyFixture(db.db, 'SVB');
    headEmail = fixture.head.email;
    managerEmail = (await createPerson(db.db, { roles: ['manager'] })).email;
    const survey = await fixture.createSurvey({ code: 'KEPUASAN' });
    const caseRow = await fixture.resolvedCase('2026-06-10 09:00');
    reference = caseRow.reference;
    const [invitation] = await db.db
      .insert(surveyInvitations)
      .values({
        surveyId: survey.id,
        caseId: caseRow.id,
        personId: fixture.requester.id,
        sentAt: myt('2026-06-10 12:00'),
        reminderDueAt: myt('2026-06-13 12:00'),
        expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000),
      })
      .returning();
    token = randomSecret();
    await db.db
      .insert(surveyLinks)
      .values({ tokenHash: sha256(token), invitationId: invitation!.id, purpose: 'invitation' });

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

  async function signInAs(email: string) {
    await signInOnScreen(page, baseUrl, email);
  }

  it('survey form shows questions without sign-in', async () => {
    await page.goto(`${baseUrl}/survey/${token}`);
    await page.getByRole('heading', { name: 'Kepuasan pelanggan', level: 1 }).waitFor();
    await page.getByText(`Bagi kes ${reference}`).waitFor();
    await page.getByRole('radiogroup', { name: 'Kepuasan' }).waitFor();
    await expectScreens('surveys-01-form');
  });

  it('missing required answer is marked', async () => {
    await page.getByLabel('Ulasan').fill('Lambat dibaiki');
    await page.getByRole('button', { name: 'Hantar jawapan' }).click();
    await page.getByText('Sila jawab soalan ini dengan betul').waitFor();
    await expectScreens('surveys-02-invalid');
  });

  it('answers are accepted once', async () => {
    await page.getByRole('radio', { name: '1 – Sangat tidak puas hati' }).check();
    await page.getByRole('radio', { name: 'Telefon' }).check();
    await page.getByRole('button', { name: 'Hantar jawapan' }).click();
    await page.getByText('Jawapan anda telah diterima').waitFor();
    await page.goto(`${baseUrl}/survey/${token}`);
    await page.getByText('Jawapan anda telah diterima').waitFor();
    expect(await page.getByRole('button', { name: 'Hantar jawapan' }).count()).toBe(0);
    await expectScreens('surveys-03-answered');
  });

  it('unit head closes the follow-up', async () => {
    await signInAs(headEmail);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Tindakan susulan kepuasan' })
      .click();
    await page.getByRole('heading', { name: 'Tindakan susulan kepuasan', level: 1 }).waitFor();
    await page.getByRole('link', { name: reference }).waitFor();
    await page.getByText('“Lambat dibaiki”').waitFor();
    await expectScreens('surveys-04-follow-up-open');

    await page.getByRole('button', { name: 'Mulakan tindakan' }).click();
    await page.getByText('Tiada tindakan susulan.').waitFor();
    await page.getByText('Dalam tindakan', { exact: true }).first().click();
    await page.getByLabel('Catatan penutupan').fill('Pelanggan dihubungi; rangkaian dibaiki');
    await page.getByRole('button', { name: 'Tutup dengan catatan' }).click();
    await page.getByText('Tiada tindakan susulan.').waitFor();
    await page.getByText('Ditutup', { exact: true }).first().click();
    await page.getByText('Ditutup: Pelanggan dihubungi; rangkaian dibaiki').waitFor();
    await expectScreens('surveys-05-follow-up-closed');
    await page.getByRole('button', { name: 'Log keluar' }).click();
  });

  it('manager reads the results', async () => {
    await signInAs(managerEmail);
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Soal selidik' })
      .click();
    await page.getByRole('heading', { name: 'Keputusan', level: 2 }).waitFor();
    await page.getByText('1 jawapan daripada 1 jemputan').waitFor();
    await page
      .getByRole('table', { name: 'Mengikut perkhidmatan' })
      .getByText('Rangkaian')
      .waitFor();
    await expectScreens('surveys-06-results');
  });
});
