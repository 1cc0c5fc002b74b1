import { join } from 'node:path';
import { RendererUnavailableError, RenderTimeoutError } from '../../activities/credential-generation';
import { startRenderPool, type RenderPool } from '../../apps/worker/render-pool';
import { createLogger } from '../../apps/logger';
import { builtinTemplates } from '../../domain/templates/builtins';
import { sampleSnapshot } from '../../templates/sample-snapshot';
import { pdfText } from '../support/pdf-text';

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

const warmUpRounds = process.env.RENDER_WARM_UP_ROUNDS;

beforeAll(() => {
  process.env.RENDER_WARM_UP_ROUNDS = '0'; // inherited by the render process: these tests are not about speed
  sut = startRenderPool({
    processes: 1,
    perProcess: 2,
    timeoutMs: 500,
    logger: createLogger('fatal', 'render-pool-test'),
    script: join(process.env.TEST_DIST_DIR!, 'apps/worker/render-process.js'),
  });
});

afterAll(async () => {
  await sut?.stop();
  if (warmUpRounds === undefined) delete process.env.RENDER_WARM_UP_ROUNDS;
  else process.env.RENDER_WARM_UP_ROUNDS = warmUpRounds;
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
