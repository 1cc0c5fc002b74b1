/**
 * `npm run bench:render [-- --n 5000 --every 500]`: how fast the built-in templates render, and whether memory stays
 * flat across many renders in one process (a worker renders for weeks).
 *
 * Renders N documents in one process, round robin over the four built-ins (the record of results with 40 units, the
 * statement with 12) and a certificate whose learners have Greek, Chinese, Korean and Arabic names (embedded fonts),
 * each render with its own number and verification URL, one at a time as a worker slot does. After a warm-up it
 * prints memory every `--every` renders (after a forced GC when node runs with --expose-gc, as the npm script does),
 * then documents per second per template and one closing JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';
import { builtinTemplates } from '../domain/templates/builtins';
import { renderCredentialPdf } from '../templates/render';
import { sampleSnapshot } from '../templates/sample-snapshot';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const total = arg('n', 5000);
const every = arg('every', 500);
const warmUp = 20;

const worldNames = [
  { givenName: 'Αλέξανδρος', familyName: 'Παπαδόπουλος' },
  { givenName: '秀英', familyName: '王' },
  { givenName: '민준', familyName: '김' },
  { givenName: 'محمد', familyName: 'عبد الله' },
];

interface Variant {
  name: string;
  snapshot: (i: number) => CredentialSnapshot;
}

const variants: Variant[] = [
  ...builtinTemplates.map((t): Variant => ({
    name: t.key,
    snapshot: () =>
      sampleSnapshot({
        templateId: t.id,
        builtinKey: t.key,
        version: 1,
        type: t.type,
        unitCount: t.key === 'record-of-results' ? 40 : 12,
      }),
  })),
  {
    name: 'certificate-of-completion (world names)',
    snapshot: (i) =>
      sampleSnapshot({
        templateId: builtinTemplates[3]!.id,
        builtinKey: 'certificate-of-completion',
        version: 1,
        learnerName: worldNames[i % worldNames.length],
      }),
  },
];

/** Each render its own number and verification URL, so no two documents (or QR codes) are the same. */
function numbered(snapshot: CredentialSnapshot, i: number): CredentialSnapshot {
  const serial = String(i).padStart(6, '0');
  return {
    ...snapshot,
    credential: {
      ...snapshot.credential,
      number: `2026-${serial}`,
      verificationUrl: `https://certs.example.edu.au/verify/BENCH${serial}XXXXXXXXX`,
    },
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

function memory() {
  gc?.();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) };
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function main(): Promise<void> {
  const images = { logoPng: null, signaturePng: null };
  console.log(`warming up: ${warmUp} renders of each of ${variants.length} templates (fonts load, code gets hot)`);
  for (const variant of variants) {
    for (let i = 0; i < warmUp; i += 1) {
      await renderCredentialPdf(numbered(variant.snapshot(i), i), images);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const durations = new Map(variants.map((v) => [v.name, [] as number[]]));
  const bytes = new Map(variants.map((v) => [v.name, 0]));
  const start = memory();
  const samples = [{ renders: 0, ...start }];
  console.log(
    `renders 0: rss ${start.rssMb} MB, heap ${start.heapUsedMb} MB, external ${start.externalMb} MB${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
  );
  const began = performance.now();
  for (let i = 1; i <= total; i += 1) {
    const variant = variants[(i - 1) % variants.length]!;
    const snapshot = numbered(variant.snapshot(i), i);
    const t0 = performance.now();
    const pdf = await renderCredentialPdf(snapshot, images);
    durations.get(variant.name)!.push(performance.now() - t0);
    // A worker returns to the event loop between activities; so must this loop. React's scheduler drains its task
    // queue on a macrotask: a loop that only ever awaits microtasks would grow it by one entry a render (a false leak).
    await new Promise((resolve) => setImmediate(resolve));
    bytes.set(variant.name, bytes.get(variant.name)! + pdf.length);
    if (i % every === 0 || i === total) {
      const m = memory();
      samples.push({ renders: i, ...m });
      const rate = i / ((performance.now() - began) / 1000);
      console.log(
        `renders ${i}: rss ${m.rssMb} MB, heap ${m.heapUsedMb} MB, external ${m.externalMb} MB, ${rate.toFixed(1)} documents/s overall`,
      );
    }
  }
  const seconds = (performance.now() - began) / 1000;

  const perTemplate = Object.fromEntries(
    variants.map((v) => {
      const times = durations.get(v.name)!;
      const sorted = [...times].sort((a, b) => a - b);
      const busy = times.reduce((sum, t) => sum + t, 0) / 1000;
      return [
        v.name,
        {
          renders: times.length,
          documentsPerSecond: Math.round((times.length / busy) * 10) / 10,
          medianMs: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
          averageKb: Math.round(bytes.get(v.name)! / times.length / 1024),
        },
      ];
    }),
  );
  console.log('\ntemplate                                   docs/s   median ms   p95 ms   avg KB');
  for (const [name, r] of Object.entries(perTemplate)) {
    console.log(
      `${name.padEnd(42)} ${String(r.documentsPerSecond).padStart(6)} ${String(r.medianMs).padStart(11)} ${String(r.p95Ms).padStart(8)} ${String(r.averageKb).padStart(8)}`,
    );
  }
  const end = samples[samples.length - 1]!;
  const afterFirst = samples[1] ?? end;
  console.log(
    JSON.stringify({
      renders: total,
      seconds: Math.round(seconds * 10) / 10,
      documentsPerSecond: Math.round((total / seconds) * 10) / 10,
      perTemplate,
      memory: {
        forcedGc: Boolean(gc),
        start,
        end: { rssMb: end.rssMb, heapUsedMb: end.heapUsedMb, externalMb: end.externalMb },
        maxRssMb: Math.max(...samples.map((s) => s.rssMb)),
        heapGrowthAfterFirstIntervalMb: Math.round((end.heapUsedMb - afterFirst.heapUsedMb) * 10) / 10,
        samples,
      },
      node: process.version,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
