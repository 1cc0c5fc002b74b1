import type { Browser, Locator, Page } from 'playwright-core';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';
import { apiKey } from '../support/credential-fixtures';
import { certificateOfCompletion, courseWithLearners, enrolLearner, expectStatus } from '../support/fixtures';

/** The seed's course workflow in the console: Course offers → Enrolments → Request Credential, and Add New. */
describe('console course offers', () => {
  let system: RunningSystem;
  let browser: Browser;
  let issuerKey: string;
  let viewerKey: string;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    [issuerKey, viewerKey] = await Promise.all([
      apiKey(system, 'Isabel Issuer', 'issuer'),
      apiKey(system, 'Vic Viewer', 'viewer'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** An offer of completed learners plus one still Enrolled. */
  async function offerWithOneNotCompleted(names: Array<[string, string]>, notCompleted: [string, string]) {
    const made = await courseWithLearners(system, names);
    const enrolled = await enrolLearner(system, made.offer.id, notCompleted);
    return { ...made, enrolled };
  }

  /** The highest "done of total" any progress bar showed on this page (the page may move on once the run ends). */
  async function watchProgress(page: Page) {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const record = () => {
        for (const bar of Array.from(document.querySelectorAll('[role=progressbar]')))
          seen.push(`${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')}`);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  }

  async function chooseRequest(page: Page, date: string) {
    await page.getByLabel('Credential Template').selectOption({ label: 'Certificate of Completion (Certificate)' });
    await page.getByLabel('Credential Date').fill(date);
  }

  it('requests credentials in bulk from an offer’s Enrolments and goes to the offer’s Credentials', async () => {
    const { course, offer, enrolments, enrolled } = await offerWithOneNotCompleted(
      [
        ['Ada', 'Lovelace'],
        ['Grace', 'Hopper'],
      ],
      ['Alan', 'Turing'],
    );
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.getByRole('heading', { name: 'Course offers' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Enrolments of ${course.code}` }).click();
    await page.getByRole('heading', { name: `Enrolments: ${course.code} Provide First Aid` }).waitFor();

    // The enrolment still Enrolled says why, beside its row, and cannot be ticked.
    const turing = page.getByRole('row', { name: /Alan Turing/ });
    expect(await turing.textContent()).toMatch(/Not completed: the enrolment is Enrolled/);
    expect(await page.getByLabel('Select Alan Turing').isDisabled()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Select all').check();
    expect(await page.getByLabel('Select Ada Lovelace').isChecked()).toBe(true);
    expect(await page.getByLabel('Select Grace Hopper').isChecked()).toBe(true);
    expect(await page.getByLabel('Select Alan Turing').isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Request Credential' }).click();
    await chooseRequest(page, '2026-11-05');
    await page.getByLabel('Go to Course Offer Credentials when complete?').check();
    expect(await accessibilityViolations(page)).toEqual([]);
    const progress = await watchProgress(page);
    await page.getByRole('button', { name: 'Request Credential' }).click();

    await page.waitForURL(`**/console/course-offers/${offer.id}/credentials`, { timeout: 60_000 });
    expect(await progress()).toContain('2/2');

    // Exactly the two completed enrolments have a credential, and its history names the issuer's key.
    const register = expectStatus(await system.call('GET', `/course-offers/${offer.id}/credentials`), 200);
    expect(register.items.map((item: { source: { enrolmentId: string } }) => item.source.enrolmentId).sort()).toEqual(
      enrolments.map((e) => e.id).sort(),
    );
    expect(register.items.map((item: { source: { enrolmentId: string } }) => item.source.enrolmentId)).not.toContain(
      enrolled.id,
    );
    for (const item of register.items) {
      const credential = expectStatus(await system.call('GET', `/credentials/${item.id}`), 200);
      expect(credential.template.id).toBe(certificateOfCompletion);
      expect(credential.credentialDate).toBe('2026-11-05');
      expect(credential.history.map((event: { actor: string }) => event.actor)).toContain('Isabel Issuer');
    }

    // Back on Enrolments, each completed row lists its credential and can no longer be requested for that template.
    await page.goBack();
    await page
      .getByRole('row', { name: /Ada Lovelace/ })
      .getByRole('link', { name: /^\d/ })
      .waitFor();
    await context.close();
  });

  it('adds a credential to one course enrolment: Save follows it, Save and Go to Credential Register leads there', async () => {
    const { enrolments } = await courseWithLearners(system, [
      ['Edsger', 'Dijkstra'],
      ['Barbara', 'Liskov'],
    ]);
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-enrolments/${enrolments[0]!.id}/credentials`);
    await page.getByRole('heading', { name: 'Credentials: Edsger Dijkstra' }).waitFor();
    await page.getByText('No credentials for this enrolment yet.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add New' }).click();
    await chooseRequest(page, '2026-11-06');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByRole('row', { name: /Certificate of Completion/ });
    await row.getByText('Generated').waitFor({ timeout: 60_000 });
    const [number] = (await row.getByRole('link').first().textContent())!.split(' ');
    const saved = expectStatus(await system.call('GET', `/credentials?q=${number}`), 200);
    expect(saved.items).toHaveLength(1);
    expect(saved.items[0].source.enrolmentId).toBe(enrolments[0]!.id);
    expect(saved.items[0].credentialDate).toBe('2026-11-06');

    await page.goto(`/console/course-enrolments/${enrolments[1]!.id}/credentials`);
    await page.getByRole('heading', { name: 'Credentials: Barbara Liskov' }).waitFor();
    await page.getByRole('button', { name: 'Add New' }).click();
    await chooseRequest(page, '2026-11-07');
    await page.getByRole('button', { name: 'Save and Go to Credential Register' }).click();
    await page.waitForURL((url) => url.pathname === '/console/register' && url.searchParams.has('q'));
    const q = new URL(page.url()).searchParams.get('q')!;
    const requested = expectStatus(await system.call('GET', `/credentials?q=${encodeURIComponent(q)}`), 200);
    expect(requested.items).toHaveLength(1);
    expect(requested.items[0].source.enrolmentId).toBe(enrolments[1]!.id);
    await context.close();
  });

  it('offers a viewer no request, no practice offer and no removal', async () => {
    const practice = expectStatus(await system.call('POST', '/practice/course-offers', { body: {} }), 201);
    const { context, page } = await signedIn(browser, system, viewerKey);
    // What a role may do shows once the console knows who is signed in (their name in the header).
    await page.getByText('Vic Viewer').waitFor();
    await page.getByRole('heading', { name: 'Course offers' }).waitFor();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('button', { name: 'Create practice offer' }).count()).toBe(0);
    const listed = page.getByRole('row').filter({
      has: page.getByRole('link', { name: `Enrolments of PRACTICE` }),
    });
    expect(await listed.first().getByText('Practice', { exact: true }).isVisible()).toBe(true);

    await page.goto(`/console/course-offers/${practice.courseOffer.id}/enrolments`);
    await page.getByText('Vic Viewer').waitFor();
    await page.getByRole('heading', { name: /^Enrolments: / }).waitFor();
    await page.getByRole('table').waitFor();
    await page.getByText(/This is a practice offer/).waitFor();
    expect(await page.getByRole('button', { name: 'Request Credential' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Remove practice offer' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await context.close();
  });

  it('makes a practice offer, requests and issues in it without public verification, then removes it all', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.getByRole('button', { name: 'Create practice offer' }).click();
    await page.waitForURL('**/console/course-offers/*/enrolments');
    const offerId = new URL(page.url()).pathname.split('/')[3]!;
    await page.getByRole('heading', { name: /^Enrolments: PRACTICE/ }).waitFor();
    await page.getByRole('row', { name: /Pat Practice/ }).waitFor();
    // Body rows (the heading row has no links): each is marked Practice.
    const rows = await page
      .getByRole('row')
      .filter({ has: page.getByRole('link') })
      .all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(await row.getByText('Practice', { exact: true }).isVisible()).toBe(true);

    // One credential, followed without going anywhere: the run's id is in the URL, so a reload keeps following it.
    let chosen: Locator | undefined;
    for (const row of rows) if (await row.getByRole('checkbox').isEnabled()) chosen ??= row;
    const learnerName = await chosen!.getByRole('link').first().textContent();
    await chosen!.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Request Credential' }).click();
    await chooseRequest(page, '2026-11-08');
    await page.getByRole('button', { name: 'Request Credential' }).click();
    await page.waitForURL((url) => url.searchParams.has('bulkRun'));
    await page.reload();
    await page.getByRole('link', { name: 'Go to Course Offer Credentials' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('1 of 1');

    const [credential] = expectStatus(await system.call('GET', `/course-offers/${offerId}/credentials`), 200).items;
    expect(credential.learner.fullName).toBe(learnerName);
    await eventually(async () => {
      const { body } = await system.call('GET', `/credentials/${credential.id}`);
      return body.status === 'Generated' ? body : undefined;
    });
    const issued = expectStatus(await system.call('POST', `/credentials/${credential.id}/issue`), 200);
    expect(issued.status).toBe('Issued');
    const code = new URL(issued.verificationUrl).pathname.split('/').pop();
    expect((await system.call('GET', `/verify/${code}`, { key: null })).status).toBe(404);

    await page.getByRole('button', { name: 'Remove practice offer' }).click();
    await page.getByText(/This cannot be undone/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByText(/Practice offer .* removed/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/course-offers');
    expect((await system.call('GET', `/course-offers/${offerId}`)).status).toBe(404);
    expect((await system.call('GET', `/course-enrolments/${credential.source.enrolmentId}`)).status).toBe(404);
    expect((await system.call('GET', `/credentials/${credential.id}`)).status).toBe(404);
    await context.close();
  });

  it('re-asks the enrolments for the chosen template, leaves out those it refuses, and fits a phone', async () => {
    const { offer, enrolments } = await offerWithOneNotCompleted([['Katherine', 'Johnson']], ['Dorothy', 'Vaughan']);
    expectStatus(
      await system.call('POST', `/course-enrolments/${enrolments[0]!.id}/credentials`, {
        body: { templateId: certificateOfCompletion, credentialDate: '2026-11-01' },
      }),
      202,
    );
    const { context, page } = await signedIn(browser, system, issuerKey, phone);
    await page.goto(`/console/course-offers/${offer.id}/enrolments`);
    await page.getByRole('table').waitFor();
    // Without a template, Katherine can be requested for (another template could be wanted).
    await page.getByLabel('Select Katherine Johnson').check();
    await page.getByRole('button', { name: 'Request Credential' }).click();
    await chooseRequest(page, '2026-11-09');
    const katherine = page.getByRole('row', { name: /Katherine Johnson/ });
    await katherine.getByText(/Already has an active Certificate of Completion credential/).waitFor();
    const leftOut = page.getByRole('status').filter({ hasText: 'Left out' });
    expect(await leftOut.textContent()).toContain('Katherine Johnson');
    expect(await page.getByRole('button', { name: 'Request Credential' }).isDisabled()).toBe(true);

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
