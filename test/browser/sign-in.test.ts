import type { Browser } from 'playwright-core';
import { startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, desktop, launchBrowser, signedIn } from '../support/browser';

describe('console sign-in', () => {
  let system: RunningSystem;
  let browser: Browser;
  let viewerKey: string;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    viewerKey = (await system.call('POST', '/api-keys', { body: { name: 'Wanda Watcher', role: 'viewer' } })).body.key;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in with a person’s own key, names them, keeps the place on reload and signs out', async () => {
    const { context, page } = await signedIn(browser, system, viewerKey);
    await page.getByRole('link', { name: 'Credential Register' }).click();
    await page.getByRole('heading', { name: 'Credential Register' }).waitFor();
    expect(await page.getByText('Wanda Watcher').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Credential Register' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/register');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // Signed out, a screen's URL leads to sign-in and back to that screen after it.
    await page.goto('/console/register?status=Issued');
    await page.getByLabel('API key').fill(viewerKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Credential Register' }).waitFor();
    expect(page.url()).toContain('/console/register?status=Issued');
    await context.close();
  });

  it('refuses a wrong key in words and stays on the sign-in page', async () => {
    const context = await browser.newContext({ viewport: desktop, baseURL: system.url });
    const page = await context.newPage();
    await page.goto('/console/');
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Cannot sign in/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('is served as files with a reload-safe fallback and a content security policy', async () => {
    const page = await fetch(`${system.url}/console/credentials/123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });
});
