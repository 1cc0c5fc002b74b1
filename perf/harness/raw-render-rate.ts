import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { renderProcessNodeArgs } from '../../apps/node-args';

/**
 * Runs render-loop.js (the template over a run's own snapshots, `concurrency` renders interleaved) in `processes`
 * children at once; renders per second over all of them.
 */
export async function rawRenderRate(
  inputFile: string,
  renders: number,
  processes: number,
  concurrency: number,
): Promise<number> {
  const script = join(__dirname, 'render-loop.js');
  const each = Math.ceil(renders / processes);
  const results = await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<{ renders: number; seconds: number }>((resolve, reject) => {
          // The render processes' own Node flags, so the comparison is of the pipeline, not of heap settings.
          const child = spawn(
            process.execPath,
            [...renderProcessNodeArgs, script, inputFile, String(each), String(concurrency)],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
          child.once('exit', (code) => {
            clearTimeout(timer);
            if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!));
            else reject(new Error(`render-loop exited with ${code}`));
          });
        }),
    ),
  );
  // Processes run side by side: the total over the slowest one's time.
  return results.reduce((sum, r) => sum + r.renders, 0) / Math.max(...results.map((r) => r.seconds));
}
