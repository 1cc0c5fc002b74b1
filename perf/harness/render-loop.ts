/**
 * Raw render throughput for `npm run bench`: the worker's own render function over stored snapshots in a plain loop,
 * `concurrency` renders in flight in this one process (as the worker's render queue runs them), no database, no
 * Temporal. Usage: node render-loop.js <input.json> <renders> <concurrency>; prints one JSON line
 * {"renders":…,"seconds":…,"perSec":…}. input.json: {snapshots: [...], logoPng: base64|null, signaturePng:
 * base64|null}.
 */
import { readFileSync } from 'node:fs';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { renderCredentialPdf } from '../../templates/render';

async function main(): Promise<void> {
  const [file, rendersArg, concurrencyArg] = process.argv.slice(2);
  const renders = Number(rendersArg);
  const concurrency = Number(concurrencyArg);
  if (!file || !(renders > 0) || !(concurrency > 0))
    throw new Error('usage: render-loop <input.json> <renders> <concurrency>');
  const input = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshots: CredentialSnapshot[];
    logoPng: string | null;
    signaturePng: string | null;
  };
  const images = {
    logoPng: input.logoPng ? Buffer.from(input.logoPng, 'base64') : null,
    signaturePng: input.signaturePng ? Buffer.from(input.signaturePng, 'base64') : null,
  };
  const render = (i: number) => renderCredentialPdf(input.snapshots[i % input.snapshots.length]!, images);

  // Warm-up, untimed: the JIT takes a few hundred renders to settle (the first 250 took about 1.6 times as long as the
  // next ones), and the worker's render process is long past that in a bulk run.
  for (let i = 0; i < 300; i++) await render(i);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < renders; i = next++) await render(i);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ renders, seconds, perSec: renders / seconds }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
