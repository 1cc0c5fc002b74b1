import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { RendererUnavailableError, RenderTimeoutError } from '../../activities/credential-generation';
import type { renderCredentialPdf } from '../../templates/render';
import type { Logger } from '../logger';
import { renderProcessNodeArgs, withHeapFlags } from '../node-args';
import { asBuffer, idleWarmUpEndMessages, type RenderReply, type RenderRequest } from './render-messages';

/** Set in a render process's environment, so it can be told apart from the worker in a process list. */
const renderRoleVariable = 'WORKER_ROLE';

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

interface RenderProcess {
  child: ChildProcess;
  ready: boolean;
  /** In the order sent, which is the order the process renders them in, one at a time: the first is rendering. */
  inFlight: Map<number, Pending>;
  /** Runs out when the render at the head of inFlight has taken longer than the timeout. */
  timer: NodeJS.Timeout | null;
}

export interface RenderPoolOptions {
  processes: number;
  /** Renders sent to a process at once: one rendering, the others queued there so it never waits for the next. */
  perProcess: number;
  /** A render still unfinished after this long fails (a template or data fault) and its process is replaced. */
  timeoutMs: number;
  logger: Logger;
  /** The render process program (tests run the compiled one). */
  script?: string;
  /** Environment for the render processes beyond this process's own (RENDER_WARM_UP_ROUNDS, say). */
  env?: NodeJS.ProcessEnv;
}

export interface RenderPool {
  /** Renders in a render process: same contract as renderCredentialPdf, plus RendererUnavailableError. */
  render: typeof renderCredentialPdf;
  /** Disconnects the render processes (call once nothing renders any more) and resolves when they have exited. */
  stop: () => Promise<void>;
}

/**
 * Render processes for this worker's generation activities. react-pdf blocks a JavaScript thread for the whole render;
 * in processes of their own, renders get cores while this process's thread does the database work around them. A render
 * goes to the ready process with the fewest in flight, up to `perProcess` each, or waits its turn here: the worker runs
 * more generation activities than that, so the next renders are waiting while the current ones render.
 *
 * A process that dies fails its in-flight renders at once with RendererUnavailableError (the activity retries them) and
 * another is started. A render that never finishes (a layout engine loop) would hold its process for good: after
 * `timeoutMs` that render fails with its own message, a fault of its template or data like any render error, and the
 * process is killed and replaced, its other renders retried. A process renders one at a time, so the one that ran out
 * is known, not guessed.
 */
export function startRenderPool(options: RenderPoolOptions): RenderPool {
  const { perProcess, timeoutMs, logger, script = join(__dirname, 'render-process.js') } = options;
  const processes = new Set<RenderProcess>();
  const waiting: Array<() => void> = [];
  let nextId = 1;
  let stopping = false;
  const leastBusy = (): RenderProcess | undefined =>
    [...processes]
      .filter((p) => p.ready && p.child.connected && p.inFlight.size < perProcess)
      .sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
  const wakeOne = () => waiting.shift()?.();
  const wakeAll = () => waiting.splice(0).forEach((wake) => wake());

  /** Times the render now at the head of the process's queue (it starts as the previous one finishes). */
  const timeHead = (entry: RenderProcess) => {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const head = entry.inFlight.entries().next();
    if (head.done) return;
    const [id, pending] = head.value;
    entry.timer = setTimeout(() => {
      entry.ready = false; // nothing new for it: it is about to be killed
      entry.inFlight.delete(id);
      pending.reject(
        new RenderTimeoutError(
          `The render did not finish within ${timeoutMs / 1000} s; its render process (pid ${entry.child.pid}) was stopped`,
        ),
      );
      logger.error({ renderPid: entry.child.pid, timeoutMs }, 'a render ran out of time; replacing its render process');
      entry.child.kill('SIGKILL');
    }, timeoutMs);
  };

  const start = () => {
    const child = fork(script, [], {
      env: { ...process.env, ...options.env, [renderRoleVariable]: 'render' },
      execArgv: withHeapFlags(process.execArgv, renderProcessNodeArgs),
      serialization: 'advanced', // PDFs and images cross as bytes, not as JSON arrays of numbers
    });
    const entry: RenderProcess = { child, ready: false, inFlight: new Map(), timer: null };
    processes.add(entry);
    child.on('message', (message: RenderReply) => {
      if ('ready' in message) {
        entry.ready = true;
        const { warmUp } = message;
        if (warmUp?.error)
          logger.warn({ renderPid: child.pid, err: warmUp.error }, 'renderer warm-up failed; rendering cold');
        else logger.info({ renderPid: child.pid, warmUpMs: warmUp && Math.round(warmUp.ms) }, 'render process ready');
        wakeAll();
        return;
      }
      if ('idleWarmUp' in message) {
        const { renders, realRenders, ms, error } = message.idleWarmUp;
        const fields = { renderPid: child.pid, renders, realRenders, warmUpMs: Math.round(ms) };
        if (error) logger.warn({ ...fields, err: error }, idleWarmUpEndMessages.stopped);
        else logger.info(fields, idleWarmUpEndMessages.done);
        return;
      }
      const pending = entry.inFlight.get(message.id);
      entry.inFlight.delete(message.id);
      timeHead(entry);
      wakeOne();
      if ('pdf' in message) pending?.resolve(asBuffer(message.pdf));
      else pending?.reject(Object.assign(new Error(message.error), { textFreeMessage: message.textFreeError }));
    });
    child.on('error', (err) => logger.error({ err, renderPid: child.pid }, 'render process channel error'));
    child.once('exit', (code, signal) => {
      processes.delete(entry);
      if (entry.timer) clearTimeout(entry.timer);
      const lost = new RendererUnavailableError(
        `The render process (pid ${child.pid}) exited (${signal ?? `code ${code}`}) during the render`,
      );
      entry.inFlight.forEach((pending) => pending.reject(lost));
      entry.inFlight.clear();
      if (stopping) return;
      logger.error({ code, signal, renderPid: child.pid }, 'a render process exited; starting another');
      setTimeout(start, 1000).unref();
    });
  };
  for (let i = 0; i < options.processes; i++) start();

  const render: RenderPool['render'] = async (snapshot, images, layout) => {
    let target = leastBusy();
    while (!target) {
      if (stopping) throw new RendererUnavailableError('The worker is stopping: no render process takes new renders');
      await new Promise<void>((resolve) => waiting.push(resolve));
      target = leastBusy();
    }
    const entry = target;
    const id = nextId++;
    const request: RenderRequest = {
      id,
      snapshot,
      images: {
        logoPng: images.logoPng ?? null,
        signaturePng: images.signaturePng ?? null,
        nrtLogoPng: images.nrtLogoPng ?? null,
      },
      layout,
    };
    return new Promise<Buffer>((resolve, reject) => {
      entry.inFlight.set(id, { resolve, reject });
      if (entry.inFlight.size === 1) timeHead(entry);
      entry.child.send(request, (err) => {
        if (!err || !entry.inFlight.delete(id)) return;
        timeHead(entry);
        reject(
          new RendererUnavailableError(`Could not reach the render process (pid ${entry.child.pid}): ${err.message}`),
        );
      });
    });
  };

  const stop = async () => {
    stopping = true;
    wakeAll();
    await Promise.all(
      [...processes].map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
            child.once('exit', resolve);
            if (child.connected) child.disconnect();
          }),
      ),
    );
  };

  return { render, stop };
}
