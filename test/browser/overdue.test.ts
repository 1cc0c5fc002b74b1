import type { Browser } from 'playwright-core';
import { startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';
import { apiKey } from '../support/credential-fixtures';
import { certificateOfCompletion, courseWithLearners, enrolLearner, expectStatus } from '../support/fixtures';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('console Overdue', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('lists completions with no credential issued 30 days on, oldest first, with days overdue and any open credential, and not one from yesterday', async () => {
    const { offer } = await courseWithLearners(system, [], 'Work Safely at Heights');
    const late = await enrolLearner(system, offer.id, ['Olive', 'Overdue'], {
      status: 'Completed',
      completionDate: daysAgo(45),
    });
    await enrolLearner(system, offer.id, ['Yusuf', 'Yesterday'], { status: 'Completed', completionDate: daysAgo(1) });
    // Older still, with a credential requested but not issued: listed first, with that credential.
    const older = await enrolLearner(system, offer.id, ['Otto', 'Older'], {
      status: 'Completed',
      completionDate: daysAgo(60),
    });
    const requested = expectStatus(
      await system.call('POST', `/course-enrolments/${older.id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: daysAgo(2) },
      }),
      202,
    );
    const viewerKey = await apiKey(system, 'Olga Ops', 'viewer');

    const { context, page } = await signedIn(browser, system, viewerKey);
    await page.getByRole('link', { name: 'Overdue' }).click();
    await page.getByRole('heading', { name: 'Overdue' }).waitFor();
    expect(await page.getByText(/must be issued within 30 days of completion/).isVisible()).toBe(true);
    const row = page.getByRole('row', { name: /Olive Overdue/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toContainEqual(expect.stringContaining('Work Safely at Heights'));
    expect(cells).toContain('15');
    expect(cells).toContain('None');
    expect(await page.getByRole('row', { name: /Yusuf Yesterday/ }).count()).toBe(0);
    const learners = (await page.getByRole('row').allTextContents()).filter((text) => /Olive|Otto/.test(text));
    expect(learners.map((text) => text.match(/Olive|Otto/)![0])).toEqual(['Otto', 'Olive']);
    const otto = page.getByRole('row', { name: /Otto Older/ });
    expect(await otto.getByRole('cell').allTextContents()).toContain('30');
    expect(await otto.getByRole('link', { name: requested.number }).isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The row leads to the enrolment's Credentials, where a credential is requested.
    await row.getByRole('link', { name: /^Credentials/ }).click();
    await page.getByRole('heading', { name: 'Credentials: Olive Overdue' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/course-enrolments/${late.id}/credentials`);
    await context.close();

    const small = await signedIn(browser, system, viewerKey, phone);
    await small.page.goto('/console/overdue');
    await small.page.getByRole('row', { name: /Olive Overdue/ }).waitFor();
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await small.context.close();
  });
});
