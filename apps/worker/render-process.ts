/**
 * A render process, forked by the worker (RENDER_PROCESSES): snapshots in, PDF bytes out, over its IPC channel. It
 * holds no database pool and no Temporal connection, so its one JavaScript thread does nothing but render while the
 * worker's thread reads and writes PostgreSQL for the next credentials.
 */
import { loadConfig } from '../config';
import { renderCredentialPdf } from '../../templates/render';
import { renderSample, warmUpRenderer } from '../../templates/warm-up';
import { textFreeMessage } from '../../templates/template-props';
import { asBuffer, type RenderReply, type RenderRequest } from './render-messages';

const reply = (message: RenderReply) => process.send?.(message);

async function serve({ id, snapshot, images, layout }: RenderRequest): Promise<void> {
  try {
    const pdf = await renderCredentialPdf(
      snapshot,
      {
        logoPng: images.logoPng && asBuffer(images.logoPng),
        signaturePng: images.signaturePng && asBuffer(images.signaturePng),
        nrtLogoPng: images.nrtLogoPng ? asBuffer(images.nrtLogoPng) : null,
      },
      layout,
    );
    reply({ id, pdf });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    reply({ id, error: error.message, textFreeError: textFreeMessage(error) });
  }
}

/** A render process is idle once this long has passed without a render: a bulk run keeps it fed more closely. */
const quietMs = 1000;

/**
 * After each sample the process rests this many times as long as the sample took. Idle here means no credential to
 * render, not an idle machine: straight after a bulk request, an issue or an email run needs the cores, and samples
 * back to back in every render process took them all for a minute.
 */
const restRatio = 3;

/**
 * Sample renders while the process is idle until it has rendered `budget` in all, real renders included, then one
 * message saying so. The renderer's code takes far more renders to get hot than the warm-up before ready: without
 * these, the first bulk run after a start renders slower than the runs after it; a process that has rendered a run
 * is already hot. A render that arrives waits for at most the sample under way; a worker started during a bulk run
 * warms up in its pauses, not in the gaps between its renders.
 */
function warmUpWhileIdle(budget: number, enqueue: (work: () => Promise<void>) => void, busy: () => boolean) {
  let renders = 0;
  let realRenders = 0;
  let ms = 0;
  let over = budget === 0;
  let sampling = false;
  let lastRender = -Infinity;
  let restUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  const finish = (error?: string) => {
    over = true;
    if (timer) clearTimeout(timer);
    reply({ idleWarmUp: { renders, realRenders, ms, ...(error ? { error } : {}) } });
  };
  const sample = () => {
    sampling = true;
    enqueue(async () => {
      const started = performance.now();
      const error = await renderSample(renders).then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      const took = performance.now() - started;
      ms += took;
      restUntil = performance.now() + took * restRatio;
      if (!error) renders++;
      if (!over && (error || renders + realRenders >= budget)) finish(error);
      // The next sample only after a render that arrived meanwhile has been queued.
      setImmediate(() => {
        sampling = false;
        next();
      });
    });
  };
  const next = () => {
    if (over || sampling || busy()) return;
    const now = performance.now();
    const wait = Math.max(quietMs - (now - lastRender), restUntil - now);
    if (wait <= 0) return sample();
    timer ??= setTimeout(() => {
      timer = null;
      next();
    }, wait);
  };
  return {
    start: next,
    /** A real render has finished: it counts, and sampling resumes once none has for `quietMs`. */
    rendered: () => {
      lastRender = performance.now();
      realRenders++;
      if (!over && renders + realRenders >= budget) finish();
      next();
    },
  };
}

async function main(): Promise<void> {
  // It lives as long as the worker that forked it: its channel closes when the worker exits or is SIGKILLed. A signal
  // to the whole process group (Ctrl-C) is the worker's to act on: it drains, then disconnects this process.
  process.once('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => undefined);
  process.on('SIGINT', () => undefined);
  const config = loadConfig();
  const warmUp = config.renderWarmUpRounds ? await warmUpRenderer(config.renderWarmUpRounds) : null;
  // One render at a time, in the order sent: the worker times the one at the head and may queue the next behind it.
  let queue = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work);
  };
  let waiting = 0;
  const idleWarmUp = warmUpWhileIdle(config.renderIdleWarmUpRenders, enqueue, () => waiting > 0);
  process.on('message', (request: RenderRequest) => {
    waiting++;
    enqueue(async () => {
      await serve(request);
      waiting--;
      idleWarmUp.rendered();
    });
  });
  reply({ ready: true, warmUp });
  idleWarmUp.start();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
