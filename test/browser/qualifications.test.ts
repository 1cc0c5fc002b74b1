import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { sql } from '../support/db';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { expectStatus, randomUsi, testamur } from '../support/fixtures';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';

/**
 * The seed's qualification flow in the console: audit a qualification's enrolments, see why one is not ready,
 * request a credential for the ready one and, in bulk, see the not-ready one refused with its reason.
 */
describe('console qualification enrolments', () => {
  let system: RunningSystem;
  let browser: Browser;
  let requesterKey: string;
  let viewerKey: string;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [coreA, coreB, electiveC, electiveD] = ['CA', 'CB', 'EC', 'ED'].map((u) => `Q${tag}${u}`) as [
    string,
    string,
    string,
    string,
  ];
  const code = `TST${tag}`;
  const title = `Certificate II in Testing ${tag}`;
  const ada = `Ada Complete${tag}`;
  const ben = `Ben Missing${tag}`;
  let qualificationId: string;
  const enrolmentOf: Record<string, string> = {};
  const learnerOf: Record<string, string> = {};

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    const key = async (name: string, role: string) =>
      expectStatus(await system.call('POST', '/api-keys', { body: { name, role } }), 201).key as string;
    requesterKey = await key(`Rita Requester ${tag}`, 'requester');
    viewerKey = await key(`Vera Viewer ${tag}`, 'viewer');
    await system.call('PUT', '/organisation', { body: { name: 'Qualified Training', rtoCode: '45678' } });
    const units = [coreA, coreB, electiveC, electiveD].map((unit) => ({ code: unit, title: `Unit ${unit}` }));
    expectStatus(await system.call('POST', '/units', { body: { units } }), 201);
    qualificationId = expectStatus(
      await system.call('POST', '/qualifications', {
        body: {
          code,
          title,
          packagingRules: {
            totalUnits: 3,
            core: [coreA, coreB],
            electives: { count: 1, groups: [], listed: [electiveC, electiveD], importedMax: 0 },
          },
        },
      }),
      201,
    ).id;
    for (const [name, results] of [
      [ada, [coreA, coreB, electiveC]],
      [ben, [coreA, electiveC]],
    ] as const) {
      const [givenName, familyName] = name.split(' ') as [string, string];
      const learner = expectStatus(
        await system.call('POST', '/learners', {
          body: {
            givenName,
            familyName,
            dateOfBirth: '1995-02-03',
            email: `${familyName}@example.com`,
            usi: randomUsi(),
          },
        }),
        201,
      );
      const enrolment = expectStatus(
        await system.call('POST', '/qualification-enrolments', { body: { learnerId: learner.id, qualificationId } }),
        201,
      );
      learnerOf[name] = learner.id;
      enrolmentOf[name] = enrolment.id;
      // Results written behind the API's back: no auto audit, so only Audit all moves the status.
      for (const unit of results) {
        await sql(
          `insert into unit_result (id, created_at, updated_at, qualification_enrolment_id, unit_id, outcome, date)
           select gen_random_uuid(), now(), now(), $1, id, '20', '2026-11-01' from unit where code = $2`,
          [enrolment.id, unit],
        );
      }
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

  it('audits all, says why one is not ready, requests for the ready one and refuses the other in bulk', async () => {
    const { context, page } = await signedIn(browser, system, requesterKey);
    await page.getByRole('link', { name: 'Qualification enrolments' }).click();
    await page.getByRole('heading', { name: 'Qualification enrolments' }).waitFor();
    await page.getByLabel('Qualification', { exact: true }).selectOption({ label: `${code} ${title}` });
    // The list before the filter (every qualification's enrolments) may still be on screen, or be fetching: wait
    // for the filtered one.
    await page.waitForURL((url) => url.searchParams.get('qualificationId') === qualificationId);
    await eventually(
      async () => ((await page.getByRole('row').count()) === 3 ? true : undefined),
      30_000,
      'the header and two enrolments',
    );
    await row(page, ada).waitFor();
    await row(page, ben).waitFor();
    expect(await row(page, ada).getByText('Not Yet Achieved').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Audit all' }).click();
    const auditRun = page.getByRole('region', { name: 'Audit all' });
    await auditRun.getByText('Completed: 2 succeeded, 0 failed.').waitFor();
    await row(page, ada).getByText('Ready to be Requested').waitFor();
    expect(await row(page, ben).getByText('Not Yet Achieved').isVisible()).toBe(true);
    // The place (filter and the run) survives a reload.
    await page.reload();
    await page.getByRole('region', { name: 'Audit all' }).getByText('Completed').waitFor();

    await row(page, ben).getByText(`Why not ready for ${ben}`).click();
    const missing = row(page, ben).getByRole('list', { name: 'Core units missing' });
    await missing.waitFor();
    expect(await missing.textContent()).toBe(`${coreB}: no result yet`);
    expect(await row(page, ben).getByRole('list', { name: 'Reasons' }).textContent()).toContain(
      `Core unit ${coreB} has no result yet`,
    );
    expect(await row(page, ben).getByText('Electives counted: 1 of 1 needed').isVisible()).toBe(true);
    expect(
      await row(page, ben)
        .getByRole('button', { name: /^Request Credential/ })
        .count(),
    ).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // One: the icon on the ready row; the form offers qualification templates only.
    await page.getByRole('button', { name: `Request Credential for ${ada}` }).click();
    const form = page.getByRole('region', { name: `Request Credential for ${ada} (${code})` });
    // The form opens above the table and takes the focus, so a keyboard user is where the form is.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      `Request Credential for ${ada} (${code})`,
    );
    const template = form.getByLabel('Credential Template');
    await eventually(async () => ((await template.locator('option').count()) > 1 ? true : undefined), 10_000);
    const offered = await template.locator('option').allTextContents();
    expect(offered).toContain('Testamur (Certificate)');
    expect(offered).not.toContain('Certificate of Completion (Certificate)');
    await template.selectOption({ label: 'Testamur (Certificate)' });
    await form.getByRole('button', { name: 'Request Credential' }).click();
    await page.getByText(/^Credential \S+ requested for/).waitFor();
    const credentials = (await system.call('GET', `/learners/${learnerOf[ada]}/credentials`)).body.items;
    expect(credentials).toEqual([
      expect.objectContaining({
        type: 'Certificate',
        template: expect.objectContaining({ id: testamur }),
        source: expect.objectContaining({ kind: 'qualification', enrolmentId: enrolmentOf[ada] }),
      }),
    ]);
    await row(page, ada).getByRole('link', { name: credentials[0].number }).waitFor();

    // Many: both ticked; the not-ready one is among the failures with its reason.
    await page.getByLabel(`Select ${ada}`).check();
    await page.getByLabel(`Select ${ben}`).check();
    await page.getByRole('button', { name: 'Request Credential', exact: true }).click();
    const bulkForm = page.getByRole('region', { name: 'Request Credential for 2 selected enrolments' });
    await bulkForm.getByLabel('Credential Template').selectOption({ label: 'Testamur (Certificate)' });
    await bulkForm.getByRole('button', { name: 'Request Credential' }).click();
    const requestRun = page.getByRole('region', { name: 'Credential requests' });
    await requestRun.getByText(/^Completed:/).waitFor({ timeout: 60_000 });
    const failure = requestRun.getByRole('listitem').filter({ hasText: ben });
    expect(await failure.textContent()).toContain(`Core unit ${coreB} has no result yet`);
    expect(await requestRun.getByRole('listitem').filter({ hasText: ada }).textContent()).toContain(
      credentials[0].number,
    );
    await requestRun.getByRole('link', { name: `Open the credentials of ${code}` }).click();
    expect(new URL(page.url()).pathname).toBe(`/console/qualifications/${qualificationId}/credentials`);
    await context.close();
  }, 180_000);

  it('offers a viewer neither Audit nor Request Credential, and fits a phone', async () => {
    const { context, page } = await signedIn(browser, system, viewerKey, phone);
    await page.goto(`/console/qualification-enrolments?qualificationId=${qualificationId}`);
    await row(page, ben).waitFor();
    await row(page, ben).getByText(`Why not ready for ${ben}`).click();
    await row(page, ben).getByRole('list', { name: 'Core units missing' }).waitFor();
    for (const name of ['Audit all', `Audit ${ada}`, `Audit ${ben}`, 'Request Credential'])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
