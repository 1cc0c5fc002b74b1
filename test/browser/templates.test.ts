import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { courseWithLearners, expectStatus } from '../support/fixtures';
import { accessibilityViolations, launchBrowser, phone, signedIn } from '../support/browser';

/** Templates in the console: the built-ins previewed, and an admin's custom template edited, versioned and applied. */
describe('console templates', () => {
  let system: RunningSystem;
  let browser: Browser;
  let requesterKey: string;
  let enrolmentId: string;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    requesterKey = expectStatus(
      await system.call('POST', '/api-keys', { body: { name: `Rita Requester ${tag}`, role: 'requester' } }),
      201,
    ).key;
    enrolmentId = (await courseWithLearners(system, [['Tess', 'Template']])).enrolments[0].id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('lists the built-in templates and previews one as a PDF in a new tab', async () => {
    const { context, page } = await signedIn(browser, system, requesterKey);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('link', { name: 'Certificate of Completion' }).waitFor();
    for (const name of ['Testamur', 'Statement of Attainment', 'Record of Results', 'Certificate of Completion']) {
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
      expect(await row.getByRole('cell', { name: 'Built-in' }).count()).toBe(1);
    }
    // A requester previews; only an admin starts a custom template.
    expect(await page.getByRole('button', { name: 'New custom template' }).count()).toBe(0);

    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Preview Testamur' }).click(),
    ]);
    await tab.waitForURL(/^blob:/);
    // The tab shows the blob as a PDF document (the console's CSP keeps scripts from fetching blob: URLs).
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(phone);
    expect(await noSideScroll(page)).toBe(true);
    await context.close();
  });

  it('lets an admin create a custom template, edit it with a live preview, save a version and regenerate', async () => {
    const { context, page } = await signedIn(browser, system, system.adminKey);
    await page.goto('/console/templates');
    await page.getByRole('button', { name: 'New custom template' }).click();
    const name = `Blue certificate ${tag}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Applies to').selectOption({ label: 'Course enrolments' });
    const preview = page.getByTitle('Layout preview');
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/console\/templates\/[0-9a-f-]{36}$/);
    const templateId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('cell', { name: 'Version 1 (current)' }).waitFor();

    // A credential on version 1, to be regenerated once version 2 exists.
    const requested = expectStatus(
      await system.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
        body: { templateId, credentialDate: '2026-11-27' },
      }),
      202,
    );
    const generated = await eventually(async () => {
      const { body } = await system.call('GET', `/credentials/${requested.id}`);
      return body.status === 'Generated' ? body : undefined;
    });
    expect(generated).toMatchObject({ template: { id: templateId, version: 1 }, document: { version: 1 } });

    // Editing refreshes the live preview: a new PDF, so a new blob.
    const editor = page.getByLabel('Layout (JSON)');
    await preview.waitFor();
    const firstPreview = await preview.getAttribute('src');
    const layout = JSON.parse(await editor.inputValue());
    const fullName = layout.elements.find((e: { text?: string }) => e.text === '{{learner.fullName}}');
    fullName.text = 'Version two {{learner.fullName}}';
    await editor.fill(JSON.stringify(layout, null, 2));
    await eventually(async () => {
      const src = await preview.getAttribute('src');
      return src && src !== firstPreview ? src : undefined;
    }, 20_000);

    // A layout the API refuses shows its message in words instead of the preview; so does text that is not JSON.
    const broken = { ...layout, elements: [...layout.elements, { ...fullName, y: 400, text: 'USI {{learner.usi}}' }] };
    await editor.fill(JSON.stringify(broken, null, 2));
    const refusal = page.getByRole('alert').filter({ hasText: 'The layout cannot be previewed' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('learner.usi');
    expect(await preview.count()).toBe(0);
    await editor.fill('{"page": ');
    await refusal.filter({ hasText: 'not valid JSON' }).waitFor();

    await editor.fill(JSON.stringify(layout, null, 2));
    await preview.waitFor();
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByRole('cell', { name: 'Version 2 (current)' }).waitFor();
    const versionRows = page.getByRole('row').filter({ hasText: /^Version \d/ });
    expect(await versionRows.count()).toBe(2);
    expect(await versionRows.filter({ hasText: 'Version 1' }).getByRole('cell').nth(2).textContent()).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Regenerate what is still on version 1.
    const older = page.getByRole('region', { name: 'Credentials on older versions' });
    await older.getByRole('button', { name: 'Regenerate credentials on older versions' }).click();
    await older.getByText('Completed: 1 succeeded, 0 failed.').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('regenerateRun')).toEqual(expect.any(String));
    const regenerated = (await system.call('GET', `/credentials/${requested.id}`)).body;
    expect(regenerated).toMatchObject({ status: 'Generated', template: { version: 2 }, document: { version: 2 } });
    await eventually(async () =>
      (await versionRows.filter({ hasText: 'Version 2' }).getByRole('cell').nth(2).textContent()) === '1'
        ? true
        : undefined,
    );

    await page.setViewportSize(phone);
    expect(await noSideScroll(page)).toBe(true);
    await context.close();
  }, 180_000);
});
