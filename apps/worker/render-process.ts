/**
 * A render process, forked by the worker (RENDER_PROCESSES): snapshots in, PDF bytes out, over its IPC channel. It
 * holds no database pool and no Temporal connection, so its one JavaScript thread does nothing but render while the
 * worker's thread reads and writes PostgreSQL for the next credentials.
 */
import { loadConfig } from '../config';
import { renderCredentialPdf } from '../../templates/render';
import { warmUpRenderer } from '../../templates/warm-up';
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

async function main(): Promise<void> {
  // It lives as long as the worker that forked it: its channel closes when the worker exits or is SIGKILLed. A signal
  // to the whole process group (Ctrl-C) is the worker's to act on: it drains, then disconnects this process.
  process.once('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => undefined);
  process.on('SIGINT', () => undefined);
  const rounds = loadConfig().renderWarmUpRounds;
  const warmUp = rounds ? await warmUpRenderer(rounds) : null;
  // One render at a time, in the order sent: the worker times the one at the head and may queue the next behind it.
  let queue = Promise.resolve();
  process.on('message', (request: RenderRequest) => {
    queue = queue.then(() => serve(request));
  });
  reply({ ready: true, warmUp });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
