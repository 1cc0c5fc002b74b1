import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';
import { apiKey, generatedCredentials, type RequestedCredential } from '../support/credential-fixtures';
import { courseWithLearners, expectStatus } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { eventually, startSystem, type RunningSystem } from '../support/system';

// Family names no other test file uses, so the whole register (shared by every file of a run) finds only ours.
const tag = Array.from(randomBytes(4), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
const person = (given: string, family: string): [string, string] => [given, `${family}${tag}`];
const [ada, grace, alan, mary, dorothy] = [
  person('Ada', 'Lovelace'),
  person('Grace', 'Hopper'),
  person('Alan', 'Turing'),
  person('Mary', 'Jackson'),
  person('Dorothy', 'Vaughan'),
];
const katherine = person('Katherine', 'Johnson');
const full = ([given, family]: [string, string]) => `${given} ${family}`;

/** The text of each credential row on screen, once the rows shown are those of `names` and no others. */
async function waitForRows(page: Page, names: string[], among: string[]) {
  const table = page.getByRole('table', { name: 'Credentials' });
  return eventually(
    async () => {
      const rows = (await table.getByRole('row').allInnerTexts()).slice(1);
      const shown = among.filter((name) => rows.some((row) => row.includes(name)));
      return shown.length === names.length && names.every((name) => shown.includes(name)) ? rows : undefined;
    },
    20_000,
    `the rows of ${names.join(', ') || 'nobody'}`,
  );
}

const row = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Credentials' }).getByRole('row').filter({ hasText: name });

describe('console: Credential Register', () => {
  let system: RunningSystem;
  let browser: Browser;
  let issuerKey: string;
  let offerId: string;
  let everyone: string[];
  const numbers: Record<string, RequestedCredential> = {};

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    issuerKey = await apiKey(system, 'Ivy Issuer', 'issuer');
    const first = await courseWithLearners(system, [ada, grace, alan, mary, dorothy], 'Provide First Aid');
    const second = await courseWithLearners(system, [katherine], 'Advanced Resuscitation');
    offerId = first.offer.id;
    const [adaCredential] = await generatedCredentials(system, first.enrolments.slice(0, 1), {
      credentialDate: '2026-11-02',
    });
    const others = await generatedCredentials(system, [...first.enrolments.slice(1), ...second.enrolments]);
    [ada, grace, alan, mary, dorothy, katherine].forEach((name, i) => {
      numbers[full(name)] = [adaCredential!, ...others][i]!;
    });
    everyone = Object.keys(numbers);
    expectStatus(await system.call('POST', `/credentials/${numbers[full(alan)]!.id}/issue`), 200);
    expectStatus(
      await system.call('POST', `/credentials/${numbers[full(mary)]!.id}/cancel`, {
        body: { reason: 'Enrolled in error' },
      }),
      200,
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('searches by learner name and by credential number', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.getByRole('link', { name: 'Credential Register' }).click();
    const search = page.getByLabel('Learner name or credential number');
    await search.fill(`hopper${tag}`);
    await search.press('Enter');
    await waitForRows(page, [full(grace)], everyone);

    await search.fill(numbers[full(dorothy)]!.number);
    await page.getByRole('button', { name: 'Search' }).click();
    await waitForRows(page, [full(dorothy)], everyone);
    expect(new URL(page.url()).searchParams.get('q')).toBe(numbers[full(dorothy)]!.number);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('narrows the rows by status and credential date, and keeps the filters through a reload', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials`);
    await page.getByRole('heading', { name: 'Credentials · Provide First Aid offer' }).waitFor();
    // Scoped to the offer: its five credentials, not the other offer's.
    await waitForRows(page, [ada, grace, alan, mary, dorothy].map(full), everyone);

    await page.getByLabel('Status', { exact: true }).selectOption('Generated');
    await waitForRows(page, [ada, grace, dorothy].map(full), everyone);
    await page.getByLabel('Credential date from').fill('2026-11-10');
    await waitForRows(page, [grace, dorothy].map(full), everyone);

    await page.reload();
    await waitForRows(page, [grace, dorothy].map(full), everyone);
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('Generated');
    const query = new URL(page.url()).searchParams;
    expect([query.get('status'), query.get('from')]).toEqual(['Generated', '2026-11-10']);
    await context.close();
  });

  it('merges two ticked credentials into one PDF in a new tab', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials?status=Generated`);
    await waitForRows(page, [ada, grace, dorothy].map(full), everyone);
    await page.getByLabel(`Select ${full(ada)}`).check();
    await page.getByLabel(`Select ${full(grace)}`).check();
    // The merged PDF as the browser receives it (the console's CSP rightly keeps a script from reading a blob: back).
    let merged: { type: string; pdf: Buffer } | undefined;
    await page.route('**/credentials/merge', async (route) => {
      const response = await route.fetch();
      merged = { type: response.headers()['content-type'] ?? '', pdf: await response.body() };
      await route.fulfill({ response });
    });
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Merge Documents' }).click(),
    ]);
    await tab.waitForURL(/^blob:/);
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    expect(merged!.type).toContain('application/pdf');
    const text = await pdfText(merged!.pdf);
    expect(text).toContain(full(ada));
    expect(text).toContain(full(grace));
    await context.close();
  });

  it('issues the ticked credentials in a bulk run, listing the refused one with its reason', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials`);
    await waitForRows(page, [ada, grace, alan, mary, dorothy].map(full), everyone);
    await page.getByLabel(`Select ${full(grace)}`).check();
    await page.getByLabel(`Select ${full(mary)}`).check();
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    const progress = page.getByRole('region', { name: 'Issue progress' });
    await progress.getByText('Completed: 1 succeeded, 1 failed.').waitFor({ timeout: 60_000 });
    const failure = await progress.getByRole('listitem').innerText();
    expect(failure).toContain(numbers[full(mary)]!.number);
    expect(failure).toContain('Cancelled');
    // The register is read again when the run completes.
    await row(page, full(grace)).getByText('Issued', { exact: true }).waitFor();
    expect(await row(page, full(mary)).getByText('Cancelled', { exact: true }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('run')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('emails an issued credential: the message reaches the outbox and the email status changes', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials?status=Issued`);
    await waitForRows(page, [grace, alan].map(full), everyone);
    await page.getByLabel(`Select ${full(alan)}`).check();
    await page.getByRole('button', { name: 'Email', exact: true }).click();
    await page.getByText('Completed: 1 succeeded, 0 failed.').waitFor({ timeout: 60_000 });
    await row(page, full(alan)).getByText('Sent', { exact: true }).waitFor();
    // Without a Resend key the message is kept, PDF attached, in the local outbox.
    const outbox = join(system.env.DATA_DIR!, 'outbox');
    expect(readdirSync(outbox).filter((file) => file.includes(numbers[full(alan)]!.id))).toHaveLength(1);
    await context.close();
  });

  it('cancels a ticked credential with the reason given', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials?status=Generated`);
    await waitForRows(page, [ada, dorothy].map(full), everyone);
    await page.getByLabel(`Select ${full(ada)}`).check();
    await page.getByRole('button', { name: 'Cancel…' }).click();
    await page.getByLabel('Reason for cancelling 1 credential').fill('Booked on the wrong course');
    await page.getByRole('button', { name: 'Cancel 1 credential' }).click();
    await page.getByText('Completed: 1 succeeded, 0 failed.').waitFor({ timeout: 60_000 });
    await waitForRows(page, [full(dorothy)], everyone);
    const cancelled = (await system.call('GET', `/credentials/${numbers[full(ada)]!.id}`)).body;
    expect([cancelled.status, cancelled.statusReason]).toEqual(['Cancelled', 'Booked on the wrong course']);
    await context.close();
  });

  it('deletes ticked credentials one by one and lists the refused ones by number', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/course-offers/${offerId}/credentials`);
    await waitForRows(page, [ada, grace, alan, mary, dorothy].map(full), everyone);
    await page.getByLabel(`Select ${full(dorothy)}`).check();
    await page.getByLabel(`Select ${full(alan)}`).check();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete 2 credentials' }).click();
    await page.getByText('1 credential deleted.').waitFor();
    const refused = await page.getByRole('alert').innerText();
    expect(refused).toContain(`${numbers[full(alan)]!.number}: `);
    expect(refused).toContain('Issued');
    await waitForRows(page, [ada, grace, alan, mary].map(full), everyone);
    await context.close();
  });

  it('fits a phone without sideways scrolling, with the actions in reach', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey, phone);
    await page.goto(`/console/course-offers/${offerId}/credentials`);
    await waitForRows(page, [ada, grace, alan, mary].map(full), everyone);
    await page.getByLabel(`Select ${full(grace)}`).check();
    const issue = page.getByRole('button', { name: 'Issue', exact: true });
    await issue.scrollIntoViewIfNeeded();
    expect(await issue.isEnabled()).toBe(true);
    const box = (await issue.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });

  it('lists bulk runs with their progress and links each to its page', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.getByRole('link', { name: 'Bulk runs' }).click();
    await page.getByRole('heading', { name: 'Bulk runs' }).waitFor();
    await page.getByRole('link', { name: 'Issue' }).first().click();
    await page.getByRole('heading', { name: 'Bulk run · Issue' }).waitFor();
    await page
      .getByRole('region', { name: 'Issue progress' })
      .getByText(/Completed: \d+ succeeded/)
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByRole('table').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
