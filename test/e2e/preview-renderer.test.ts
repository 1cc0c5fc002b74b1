import { join } from 'node:path';
import { RenderTimeoutError } from '../../activities/credential-generation';
import { PreviewRenderer } from '../../apps/api/templates/preview-renderer';
import { builtinTemplates } from '../../domain/templates/builtins';
import { sampleSnapshot } from '../../templates/sample-snapshot';
import { pdfText } from '../support/pdf-text';

// The API's template previews: rendered in the API's own render process, under RENDER_TIMEOUT_SECONDS.
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
    learnerName: { givenName: 'Pia', familyName },
  });

let sut: PreviewRenderer;

beforeAll(() => {
  sut = new PreviewRenderer(
    { renderTimeoutSeconds: 0.5, logLevel: 'fatal' },
    join(process.env.TEST_DIST_DIR!, 'apps/worker/render-process.js'),
  );
});

afterAll(async () => {
  await sut?.onApplicationShutdown();
});

describe('template previews', () => {
  it('render off the API thread, and one that runs out of time fails with the reason while the API answers on', async () => {
    expect(await pdfText(await sut.render(snapshotOf(certificate, 0, 'Preview'), images))).toContain('Pia Preview');

    // A transcript of 3,000 units takes seconds to lay out. On the caller's thread it would block it for all that
    // time; here the caller's timers keep running and the render fails after the timeout.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = Date.now();
    const error = await sut.render(snapshotOf(transcript, 3000, 'Slow'), images).then(
      () => null,
      (err: Error) => err,
    );
    clearInterval(ticker);
    expect(error).toBeInstanceOf(RenderTimeoutError);
    expect(error!.message).toMatch(/did not finish within 0.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ticks).toBeGreaterThan(3);

    // Its process was replaced: the next preview renders.
    expect(await pdfText(await sut.render(snapshotOf(certificate, 0, 'Again'), images))).toContain('Pia Again');
  }, 90_000);
});
