/**
 * Takes the console screenshots in docs/console/ (and the README's). Skipped unless SCREENSHOTS=1: run it on purpose
 * when the screens change, and commit the pictures with the change:
 *
 *   SCREENSHOTS=1 npx jest test/browser/screenshots.test.ts
 *
 * It builds a small, realistic day through the real API (an offer whose learners completed, credentials requested,
 * issued and emailed, a practice offer), then photographs each main screen at 1280 × 800 and two at phone width.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../dev/paths';
import { certificateOfCompletion, courseWithLearners, expectStatus } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';
import { launchBrowser, phone, signedIn } from '../support/browser';

const taking = process.env.SCREENSHOTS === '1';
const describeTaking = taking ? describe : describe.skip;
const dir = join(projectRoot(), 'docs', 'console');

let system: RunningSystem;
let browser: Browser;

beforeAll(async () => {
  if (!taking) return;
  [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function shoot(page: Page, path: string, file: string, fullPage = false) {
  await page.goto(`/console${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(dir, file), fullPage });
}

describeTaking('console screenshots', () => {
  it('photographs the main screens', async () => {
    await system.call('POST', '/issuing-officers', { body: { name: 'Dana Whitfield', position: 'CEO' } });
    const { offer, enrolments } = await courseWithLearners(
      system,
      [
        ['Ada', 'Lovelace'],
        ['Grace', 'Hopper'],
        ['Alan', 'Turing'],
        ['Katherine', 'Johnson'],
        ['Edsger', 'Dijkstra'],
      ],
      'Provide First Aid',
    );
    const key = expectStatus(await system.call('POST', '/api-keys', { body: { name: 'Sam Ops', role: 'admin' } }), 201)
      .key as string;
    const run = expectStatus(
      await system.call('POST', `/course-offers/${offer.id}/credential-requests`, {
        key,
        body: {
          enrolmentIds: enrolments.slice(0, 4).map((e: { id: string }) => e.id),
          templateId: certificateOfCompletion,
          credentialDate: '2026-11-30',
        },
      }),
      202,
    );
    await eventually(async () => {
      const body = (await system.call('GET', `/bulk-runs/${run.bulkRunId}`)).body;
      return body.status === 'Completed' ? body : undefined;
    });
    const register = (await system.call('GET', `/course-offers/${offer.id}/credentials`)).body.items as Array<{
      id: string;
    }>;
    const [first, second] = register;
    for (const credential of [first, second]) {
      expectStatus(await system.call('POST', `/credentials/${credential!.id}/issue`, { key }), 200);
    }
    expectStatus(await system.call('POST', `/credentials/${first!.id}/email`, { key, body: {} }), 202);
    expectStatus(await system.call('POST', '/practice/course-offers', { key }), 201);

    const { page, context } = await signedIn(browser, system, key);
    await shoot(page, '/course-offers', 'course-offers.png');
    await page.goto(`/console/course-offers/${offer.id}/enrolments`);
    await page.getByRole('checkbox', { name: 'Select Edsger Dijkstra' }).check();
    await page.getByRole('button', { name: 'Request Credential' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(dir, 'enrolments-request.png') });
    await shoot(page, '/register', 'register.png');
    await shoot(page, `/credentials/${first!.id}`, 'credential.png', true);
    await shoot(page, '/bulk-runs', 'bulk-runs.png');
    await shoot(page, '/templates', 'templates.png');
    await context.close();

    const small = await signedIn(browser, system, key, phone);
    await shoot(small.page, '/register', 'register-phone.png');
    await shoot(small.page, `/credentials/${first!.id}`, 'credential-phone.png');
    await small.context.close();
  }, 300_000);
});
