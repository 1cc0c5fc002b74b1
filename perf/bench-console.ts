/**
 * `npm run bench:console [-- --n 100000 --tries 7 --keep]`: how soon the console's Credential Register shows data.
 *
 * Fills a database with N credentials (the register benchmark's seeding, harness/register-seed.ts), starts a Temporal
 * dev server and the API (which serves the built console; no worker: nothing is generated), signs in with headless
 * Chromium (Debian's, CHROMIUM_PATH) and times, over a few tries, until the rows are on screen:
 * - navigation: loading /console/register (the app, GET /me, the first page of the register);
 * - filter: choosing a status (a query the browser has not cached);
 * - next page: Next page from page 1.
 * Ends with one JSON line: p50/p95 of each in ms, against the goal of 300 ms. Needs `npm run build:console` first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { migrate } from '../apps/migrate/migrate';
import { percentile } from './harness/api-client';
import { benchDatabase, fillRegister } from './harness/register-seed';
import { LocalStack } from './harness/stack';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const n = arg('n', 100_000);
const tries = arg('tries', 7);
const keep = process.argv.includes('--keep');
const goalMs = 300;
const say = (line: string) => console.log(line);

/** Statuses every seeded register of some size has, one a try, so no filter is answered from the browser's cache. */
const statuses = ['Generated', 'Issued', 'Cancelled', 'Requested', 'GenerationFailed'];

/**
 * The page's own clock, so the figures leave out the driver: ms from the navigation's start (page.goto) or from the
 * last input event (a change or a click, recorded in the capture phase) until the register's table shows the answer
 * `ready` describes (not the previous page, which stays on screen while the next loads). Checked every frame.
 */
async function rowsOnScreen(page: Page, ready: { status?: string; page?: number; since: 'navigation' | 'input' }) {
  const handle = await page.waitForFunction(
    ({ status, page: wanted, since }) => {
      const table = document.querySelector('table[aria-label="Credentials"]');
      if (!table || table.getAttribute('aria-busy') !== 'false') return false;
      const rows = Array.from(table.querySelectorAll('tbody tr'));
      if (!rows.length) return false;
      if (status && !rows.every((row) => row.textContent?.includes(status))) return false;
      if (wanted && !document.querySelector('nav[aria-label="Pages"]')?.textContent?.includes(`page ${wanted} of`))
        return false;
      const start = since === 'input' ? (window as unknown as { benchInputAt: number }).benchInputAt : 0;
      return window.performance.now() - start;
    },
    ready,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Records when the person's last change or click reached the page. */
const recordInput = () => {
  for (const type of ['change', 'click'])
    document.addEventListener(
      type,
      () => ((window as unknown as { benchInputAt: number }).benchInputAt = window.performance.now()),
      { capture: true },
    );
};

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)) };
};

async function main(): Promise<void> {
  const db = await benchDatabase('console_bench', keep);
  const dataDir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const stack = await LocalStack.create({ dataDir, say, appEnv: { LOG_LEVEL: 'warn' } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    await migrate(db.url);
    say(`filling ${n} credentials`);
    const fillSeconds = await fillRegister(db.url, n);
    stack.databaseUrl = db.url;
    await stack.startTemporal();
    await stack.startApi();
    say(`API at ${stack.apiUrl}`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, baseURL: stack.apiUrl });
    await page.addInitScript(recordInput);
    await page.goto('/console/sign-in');
    await page.getByLabel('API key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    // One warm-up: the first query after start pays for the API's and PostgreSQL's cold caches.
    await page.goto('/console/register');
    await rowsOnScreen(page, { page: 1, since: 'navigation' });

    const navigation: number[] = [];
    const filter: number[] = [];
    const nextPage: number[] = [];
    for (let i = 0; i < tries; i++) {
      await page.goto('/console/register', { waitUntil: 'commit' });
      navigation.push(await rowsOnScreen(page, { page: 1, since: 'navigation' }));
      const steps = await page.evaluate(() => {
        const at = (part: string) =>
          window.performance
            .getEntriesByType('resource')
            .find((entry) => new URL(entry.name).pathname.endsWith(part)) as PerformanceResourceTiming | undefined;
        const span = (entry: PerformanceResourceTiming | undefined) =>
          entry ? [Math.round(entry.startTime), Math.round(entry.responseEnd)] : null;
        return {
          script: Math.round(at('.js')?.responseEnd ?? 0),
          me: span(at('/me')),
          register: span(at('/credentials')),
          templates: span(at('/credential-templates')),
          officers: span(at('/issuing-officers')),
        };
      });
      say(`  navigation steps (ms from its start): ${JSON.stringify(steps)}`);
      const status = statuses[i % statuses.length]!;
      await page.getByLabel('Status', { exact: true }).selectOption(status);
      filter.push(await rowsOnScreen(page, { status, since: 'input' }));
      await page.getByRole('button', { name: 'Next page' }).click();
      nextPage.push(await rowsOnScreen(page, { status, page: 2, since: 'input' }));
      say(
        `try ${i + 1}: navigation ${navigation.at(-1)!.toFixed(0)} ms, filter ${status} ${filter.at(-1)!.toFixed(0)} ms, ` +
          `next page ${nextPage.at(-1)!.toFixed(0)} ms`,
      );
    }
    // The API alone (no browser), for comparison: the same three answers, fetched from here.
    const api = async (query: string) =>
      timed(() =>
        fetch(`${stack.apiUrl}/credentials?pageSize=50&${query}`, {
          headers: { authorization: `Bearer ${stack.adminKey}` },
        }).then((response) => response.json()),
      );
    const apiTimes = { navigation: [] as number[], filter: [] as number[], nextPage: [] as number[] };
    for (let i = 0; i < tries; i++) {
      const status = statuses[i % statuses.length]!;
      apiTimes.navigation.push(await api('page=1'));
      apiTimes.filter.push(await api(`page=1&status=${status}`));
      apiTimes.nextPage.push(await api(`page=2&status=${status}`));
    }
    const result = {
      n,
      tries,
      fillSeconds: Math.round(fillSeconds * 10) / 10,
      goalMs,
      navigationMs: summary(navigation),
      filterMs: summary(filter),
      nextPageMs: summary(nextPage),
      apiAloneMs: {
        page1: summary(apiTimes.navigation),
        filter: summary(apiTimes.filter),
        nextPage: summary(apiTimes.nextPage),
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await stack.stop();
    await db.stop();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
