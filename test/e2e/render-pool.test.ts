import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { RendererUnavailableError, RenderTimeoutError } from '../../activities/credential-generation';
import { startRenderPool, type RenderPool } from '../../apps/worker/render-pool';
import { createLogger } from '../../apps/logger';
import { builtinTemplates } from '../../domain/templates/builtins';
import { sampleSnapshot } from '../../templates/sample-snapshot';
import { pdfText } from '../support/pdf-text';
import { eventually } from '../support/system';
import { readProc, ticksPerSecond } from '../../perf/harness/cpu-usage';

// The worker's render processes, compiled, without the rest of the system: what goes in and comes out over IPC.
let sut: RenderPool;
const images = { logoPng: null, signaturePng: null };
const certificate = builtinTemplates.find((t) => t.key === 'certificate-of-completion')!;
const transcript = builtinTemplates.find((t) => t.type === 'Transcript')!;
const snapshotOf = (template: typeof certificate, unitCount: number, familyName: string) =>
  sampleSnapshot({
    templateId: template.id,
    builtinKey: template.key,
    version: 1,
    type: template.type,
    unitCount,
    learnerName: { givenName: 'Pat', familyName },
  });

const script = () => join(process.env.TEST_DIST_DIR!, 'apps/worker/render-process.js');

beforeAll(() => {
  sut = startRenderPool({
    processes: 1,
    perProcess: 2,
    timeoutMs: 500,
    logger: createLogger('fatal', 'render-pool-test'),
    script: script(),
    // These tests are not about speed.
    env: { RENDER_WARM_UP_ROUNDS: '0', RENDER_IDLE_WARM_UP_RENDERS: '0' },
  });
});

afterAll(async () => {
  await sut?.stop();
});

describe('render pool', () => {
  it('renders in a render process, and passes a render error back with its message', async () => {
    const pdf = await sut.render(snapshotOf(certificate, 0, 'Rendered'), images);
    expect(await pdfText(pdf)).toContain('Pat Rendered');
    const unprintable = {
      ...snapshotOf(certificate, 0, 'x'),
      learner: { ...snapshotOf(certificate, 0, 'x').learner, fullName: 'አበበ' },
    };
    await expect(sut.render(unprintable, images)).rejects.toThrow(/U\+12A0/);
  }, 60_000);

  it('fails a render that runs out of time, replaces its process and hands the render queued behind it back for a retry', async () => {
    // A transcript of 3,000 units takes seconds to lay out; the test pool allows half a second.
    const slow = sut.render(snapshotOf(transcript, 3000, 'Slow'), images).then(
      () => null,
      (err: Error) => err,
    );
    const queued = sut.render(snapshotOf(certificate, 0, 'Queued'), images).then(
      () => null,
      (err: Error) => err,
    );
    const [slowError, queuedError] = await Promise.all([slow, queued]);
    expect(slowError).toBeInstanceOf(RenderTimeoutError);
    expect(slowError?.message).toMatch(
      /^The render did not finish within 0.5 s; its render process \(pid \d+\) was stopped$/,
    );
    const pid = /pid (\d+)/.exec(slowError!.message)![1];
    expect(queuedError).toBeInstanceOf(RendererUnavailableError);
    expect(queuedError?.message).toBe(`The render process (pid ${pid}) exited (SIGKILL) during the render`);

    // A new process takes the next render.
    expect(await pdfText(await sut.render(snapshotOf(certificate, 0, 'Afterwards'), images))).toContain(
      'Pat Afterwards',
    );
  }, 60_000);
});

describe('render pool: warm-up while idle', () => {
  let pool: RenderPool | null = null;
  afterEach(async () => {
    await pool?.stop();
    pool = null;
  });

  /** A pool of one process that samples `budget` renders while idle, and its log lines. */
  const startSampling = (budget: number) => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    pool = startRenderPool({
      processes: 1,
      perProcess: 2,
      timeoutMs: 20_000,
      logger: pino({ level: 'info' }, stream),
      script: script(),
      env: { RENDER_WARM_UP_ROUNDS: '0', RENDER_IDLE_WARM_UP_RENDERS: String(budget) },
    });
    return { pool, lines };
  };
  const logged = (lines: Array<Record<string, unknown>>, msg: string) =>
    eventually(async () => lines.find((l) => l.msg === msg), 60_000, `the log line "${msg}"`);
  const cpuSeconds = (pid: number) => readProc(pid)!.ticks / ticksPerSecond;

  it('renders samples once it is ready and has nothing to do, as many as configured, resting between them', async () => {
    const { lines } = startSampling(12);
    const ready = await logged(lines, 'render process ready');
    const done = await logged(lines, 'render process warmed up while idle');
    expect(done).toMatchObject({ renders: 12, realRenders: 0 });
    expect(done.warmUpMs).toBeGreaterThan(0);
    // Three times as long at rest as sampling after each sample but the last: well over twice the samples' time.
    expect((done.time as number) - (ready.time as number)).toBeGreaterThan(2 * (done.warmUpMs as number));
  }, 90_000);

  it('counts real renders towards the warm-up: a process that has rendered a run is warm', async () => {
    const { pool: sampling, lines } = startSampling(20);
    await logged(lines, 'render process ready');
    for (let i = 0; i < 10; i++)
      await Promise.all([
        sampling.render(snapshotOf(certificate, 0, `Real${2 * i}`), images),
        sampling.render(snapshotOf(certificate, 0, `Real${2 * i + 1}`), images),
      ]);
    const done = await logged(lines, 'render process warmed up while idle');
    // A sample or two began before the first credential arrived; the real renders made up the rest.
    expect((done.renders as number) + (done.realRenders as number)).toBe(20);
    expect(done.realRenders).toBeGreaterThan(15);
  }, 90_000);

  it('renders a credential that arrives during the warm-up without waiting for the warm-up, then samples again once idle', async () => {
    // 100,000 samples would take minutes: the credential must not wait for them.
    const { pool: sampling, lines } = startSampling(100_000);
    const { renderPid } = (await logged(lines, 'render process ready')) as { renderPid: number };
    const atReady = cpuSeconds(renderPid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(cpuSeconds(renderPid) - atReady).toBeGreaterThan(0.1); // rendering samples, not waiting

    const started = Date.now();
    const pdf = await sampling.render(snapshotOf(certificate, 0, 'Arrived'), images);
    expect(await pdfText(pdf)).toContain('Pat Arrived');
    expect(Date.now() - started).toBeLessThan(5000);

    // Quiet for a second after a render (a bulk run's renders come closer than that), then sampling again.
    const afterRender = cpuSeconds(renderPid);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(cpuSeconds(renderPid) - afterRender).toBeLessThan(0.2);
    await new Promise((resolve) => setTimeout(resolve, 2400));
    expect(cpuSeconds(renderPid) - afterRender).toBeGreaterThan(0.2);
    expect(lines.find((l) => l.msg === 'render process warmed up while idle')).toBeUndefined();
  }, 90_000);
});
