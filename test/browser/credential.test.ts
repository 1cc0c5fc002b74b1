import type { Browser, Page, Request, Response } from 'playwright-core';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';
import { apiKey, generatedCredentials } from '../support/credential-fixtures';
import { courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

/** A one-element custom layout whose words change between versions. */
const layout = (words: string) => ({
  page: { size: 'A4', orientation: 'landscape' },
  elements: [
    { type: 'text', x: 40, y: 200, width: 760, height: 40, text: `${words} {{learner.fullName}}`, fontSize: 24 },
  ],
});

async function versionsShown(page: Page): Promise<string[]> {
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'SHA-256' }) });
  return (await table.getByRole('row').allInnerTexts()).slice(1);
}

describe('console: a credential', () => {
  let system: RunningSystem;
  let browser: Browser;
  let issuerKey: string;
  let viewerKey: string;
  let shown: { id: string; number: string };
  let custom: { id: string; number: string };
  let templateId: string;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    [issuerKey, viewerKey] = await Promise.all([
      apiKey(system, 'Irene Issuer', 'issuer'),
      apiKey(system, 'Victor Viewer', 'viewer'),
    ]);
    templateId = expectStatus(
      await system.call('POST', '/credential-templates', {
        body: { name: 'Plain certificate', type: 'Certificate', appliesTo: 'course', layout: layout('Awarded to') },
      }),
      201,
    ).id;
    const { enrolments } = await courseWithLearners(system, [
      ['Ada', 'Lovelace'],
      ['Grace', 'Hopper'],
    ]);
    shown = (await generatedCredentials(system, enrolments.slice(0, 1)))[0]!;
    custom = (await generatedCredentials(system, enrolments.slice(1), { templateId }))[0]!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('issues from the page, names the person in the history, and shows the document SHA-256 the API reports', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/credentials/${shown.id}`);
    await page.getByRole('heading', { name: `Credential ${shown.number}` }).waitFor();
    await page.getByRole('button', { name: 'Issue' }).click();
    await page.getByText('Irene Issuer issued it.').waitFor();
    // An issued credential is never regenerated: the page does not offer it and says why.
    expect(await page.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);
    await page.getByText(/Regenerate is not available: issued credentials are never regenerated/).waitFor();

    const api = (await system.call('GET', `/credentials/${shown.id}`)).body;
    expect(api.status).toBe('Issued');
    const versions = await versionsShown(page);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toContain(api.document.sha256);

    const temporal = page.getByRole('link', { name: 'Open in Temporal UI' });
    const href = (await temporal.getAttribute('href'))!;
    expect(href).toContain(encodeURIComponent(`credential-${shown.id}`).replace(/%2D/g, '-'));
    expect(href).toContain(`/namespaces/${system.env.TEMPORAL_NAMESPACE ?? 'default'}/`);
    expect(await temporal.getAttribute('target')).toBe('_blank');
    expect(await page.getByRole('link', { name: api.verificationUrl }).getAttribute('href')).toBe(api.verificationUrl);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('previews the PDF in a new tab through a signed link, with no Authorization header', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/credentials/${shown.id}`);
    const requests: Request[] = [];
    const responses: Response[] = [];
    context.on('request', (request) => {
      if (request.frame().page() !== page) requests.push(request);
    });
    context.on('response', (response) => {
      if (response.frame().page() !== page) responses.push(response);
    });
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Preview', exact: true }).click(),
    ]);
    const pdf = await eventually(
      async () => responses.find((r) => r.headers()['content-type']?.startsWith('application/pdf')),
      20_000,
      'the tab to load the PDF',
    );
    expect(pdf.status()).toBe(200);
    expect(new URL(pdf.url()).origin).toBe(system.url);
    const request = requests.find((r) => r.url() === pdf.url())!;
    expect(await request.allHeaders()).not.toHaveProperty('authorization');
    expect(tab).not.toBe(page);
    await context.close();
  });

  it('regenerates after a template fix: version 2 appears with another SHA-256', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey);
    await page.goto(`/console/credentials/${custom.id}`);
    await page.getByRole('heading', { name: `Credential ${custom.number}` }).waitFor();
    expect(await versionsShown(page)).toHaveLength(1);
    expectStatus(
      await system.call('PUT', `/credential-templates/${templateId}`, { body: { layout: layout('Presented to') } }),
      200,
    );
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('button', { name: 'Preview version 2' }).waitFor({ timeout: 60_000 });
    const api = (await system.call('GET', `/credentials/${custom.id}`)).body;
    const [second, first] = api.documents as Array<{ version: number; sha256: string }>;
    expect([second!.version, first!.version]).toEqual([2, 1]);
    expect(second!.sha256).not.toBe(first!.sha256);
    const versions = await versionsShown(page);
    expect(versions[0]).toContain(second!.sha256);
    expect(versions[1]).toContain(first!.sha256);
    await context.close();
  });

  it('offers a viewer no Issue, Cancel or Regenerate', async () => {
    const { context, page } = await signedIn(browser, system, viewerKey);
    await page.goto(`/console/credentials/${custom.id}`);
    await page.getByRole('heading', { name: `Credential ${custom.number}` }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    for (const name of ['Issue', 'Cancel', 'Cancel…', 'Regenerate', 'Delete…', 'Preview']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    await context.close();
  });

  it('fits a phone without sideways scrolling, with its actions in reach', async () => {
    const { context, page } = await signedIn(browser, system, issuerKey, phone);
    await page.goto(`/console/credentials/${custom.id}`);
    const issue = page.getByRole('button', { name: 'Issue' });
    await issue.scrollIntoViewIfNeeded();
    const box = (await issue.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
});
