import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { RendererUnavailableError } from '../../activities/credential-generation';
import type { renderCredentialPdf } from '../../templates/render';
import type { Logger } from '../logger';
import { renderProcessNodeArgs, withHeapFlags } from './node-args';
import { asBuffer, type RenderReply, type RenderRequest } from './render-messages';

/** Set in a render process's environment, so it can be told apart from the worker in a process list. */
export const renderRoleVariable = 'WORKER_ROLE';

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

interface RenderProcess {
  child: ChildProcess;
  ready: boolean;
  inFlight: Map<number, Pending>;
}

export interface RenderPool {
  /** Renders in a render process: same contract as renderCredentialPdf, plus RendererUnavailableError. */
  render: typeof renderCredentialPdf;
  /** Disconnects the render processes (call once nothing renders any more) and resolves when they have exited. */
  stop: () => Promise<void>;
}

/**
 * `count` render processes for this worker's generation activities. react-pdf blocks a JavaScript thread for the whole
 * render; in processes of their own, renders get cores while this process's thread does the database work around them.
 * A render goes to the ready process with the fewest in flight, up to `perProcess` each, or waits its turn here: the
 * worker runs more generation activities than that, so the next renders are waiting while the current ones render. A
 * process
 * that dies fails its in-flight renders at once with RendererUnavailableError, which the activity's retry repeats, and
 * another is started.
 */
export function startRenderPool(count: number, perProcess: number, logger: Logger): RenderPool {
  const processes = new Set<RenderProcess>();
  const waiting: Array<() => void> = [];
  let nextId = 1;
  let stopping = false;
  const leastBusy = (): RenderProcess | undefined =>
    [...processes].filter((p) => p.ready && p.child.connected && p.inFlight.size < perProcess).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
  const wakeOne = () => waiting.shift()?.();
  const wakeAll = () => waiting.splice(0).forEach((wake) => wake());

  const start = () => {
    const child = fork(join(__dirname, 'render-process.js'), [], {
      env: { ...process.env, [renderRoleVariable]: 'render' },
      execArgv: withHeapFlags(process.execArgv, renderProcessNodeArgs),
      serialization: 'advanced', // PDFs and images cross as bytes, not as JSON arrays of numbers
    });
    const entry: RenderProcess = { child, ready: false, inFlight: new Map() };
    processes.add(entry);
    child.on('message', (message: RenderReply) => {
      if ('ready' in message) {
        entry.ready = true;
        if (message.warmUpError) logger.warn({ pid: child.pid, err: message.warmUpError }, 'renderer warm-up failed; rendering cold');
        else logger.info({ pid: child.pid, ms: message.warmUpMs && Math.round(message.warmUpMs) }, 'render process ready');
        wakeAll();
        return;
      }
      const pending = entry.inFlight.get(message.id);
      entry.inFlight.delete(message.id);
      wakeOne();
      if ('pdf' in message) pending?.resolve(asBuffer(message.pdf));
      else pending?.reject(new Error(message.error));
    });
    child.on('error', (err) => logger.error({ err, pid: child.pid }, 'render process channel error'));
    child.once('exit', (code, signal) => {
      processes.delete(entry);
      const lost = new RendererUnavailableError(`The render process (pid ${child.pid}) exited (${signal ?? `code ${code}`}) during the render`);
      entry.inFlight.forEach((pending) => pending.reject(lost));
      if (stopping) return;
      logger.error({ code, signal, pid: child.pid }, 'a render process exited; starting another');
      setTimeout(start, 1000).unref();
    });
  };
  for (let i = 0; i < count; i++) start();


  const render: RenderPool['render'] = async (snapshot, images, layout) => {
    let target = leastBusy();
    while (!target) {
      if (stopping) throw new RendererUnavailableError('The worker is stopping: no render process takes new renders');
      await new Promise<void>((resolve) => waiting.push(resolve));
      target = leastBusy();
    }
    const id = nextId++;
    const request: RenderRequest = { id, snapshot, images: { logoPng: images.logoPng ?? null, signaturePng: images.signaturePng ?? null }, layout };
    const { child, inFlight } = target;
    return new Promise<Buffer>((resolve, reject) => {
      inFlight.set(id, { resolve, reject });
      child.send(request, (err) => {
        if (!err) return;
        inFlight.delete(id);
        reject(new RendererUnavailableError(`Could not reach the render process (pid ${child.pid}): ${err.message}`));
      });
    });
  };

  const stop = async () => {
    stopping = true;
    wakeAll();
    await Promise.all([...processes].map(({ child }) => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
      child.once('exit', resolve);
      if (child.connected) child.disconnect();
    })));
  };

  return { render, stop };
}
