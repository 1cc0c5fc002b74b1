import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { platform } from 'node:os';
import { cpuSnapshot, ticksPerSecond, used } from '../../perf/harness/cpu-usage';
import { postgresTicks, splitWorkers } from '../../perf/harness/capacity';

/** Burns `ms` of its own CPU time, whatever else the machine is doing. */
const burn = (ms: number) =>
  `{ const start = process.cpuUsage().user; while (process.cpuUsage().user - start < ${ms * 1000}); }`;

/**
 * A parent that starts one child. The child burns 500 ms of CPU and says "burned"; on a line on stdin it burns 300 ms
 * more and exits; the parent says "done" once it has waited for it, and lives on until killed.
 */
const child = `${burn(500)} process.stdout.write('burned\\n'); process.stdin.once('data', () => { ${burn(300)} process.exit(0); });`;
const parent = `
const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' });
c.on('exit', () => { process.stdout.write('done\\n'); setInterval(() => {}, 1000); });`;

async function line(proc: ChildProcess, text: string): Promise<void> {
  let seen = '';
  while (!seen.includes(text)) seen += String((await once(proc.stdout!, 'data'))[0]);
}

const linux = platform() === 'linux' ? describe : describe.skip;

linux('CPU of a process tree (the benches and the capacity model)', () => {
  let sut: ChildProcess;

  beforeEach(async () => {
    sut = spawn(process.execPath, ['-e', parent], { stdio: ['pipe', 'pipe', 'inherit'] });
    await line(sut, 'burned');
  });

  afterEach(() => sut.kill('SIGKILL'));

  async function childExits(): Promise<void> {
    sut.stdin!.write('go\n');
    await line(sut, 'done');
  }

  it('keeps the CPU of a child that exits between two snapshots in its tree', async () => {
    const before = cpuSnapshot({ tree: sut.pid });
    expect(before.trees.tree!.get(sut.pid!)).toBeGreaterThanOrEqual(0.4 * ticksPerSecond);
    await childExits();
    const after = cpuSnapshot({ tree: sut.pid });
    // The child's last 300 ms fall between the snapshots; without its reaped ticks the tree would seem to shrink.
    expect(used(before.trees.tree, after.trees.tree!)).toBeGreaterThanOrEqual(0.25 * ticksPerSecond);
  });

  it("keeps the CPU of PostgreSQL's exited backends in its figures, as their own group", async () => {
    // PostgreSQL's tree as postgresTicks sees it: a root found by its command line, a server under it, and sessions
    // under that. Here a shell named by the marker is the root, the parent the server and its child the session.
    const marker = `cpu-usage-test-${process.pid}`;
    const root = spawn('sh', ['-c', `node -e "$1"; true # ${marker}`, 'sh', parent], {
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true, // a process group of its own, to kill the server with the shell
    });
    try {
      await line(root, 'burned');
      const before = postgresTicks(marker);
      root.stdin!.write('go\n');
      await line(root, 'done');
      const after = postgresTicks(marker);
      expect(used(before.exited, after.exited!)).toBeGreaterThanOrEqual(0.25 * ticksPerSecond);
    } finally {
      process.kill(-root.pid!, 'SIGKILL');
    }
  });

  it("counts a worker's exited render processes as rendering, not as the worker's own work", async () => {
    const roots = { 'worker-1': sut.pid };
    const before = splitWorkers(cpuSnapshot(roots), roots);
    await childExits();
    const after = splitWorkers(cpuSnapshot(roots), roots);
    expect(used(before.trees['render-1'], after.trees['render-1']!)).toBeGreaterThanOrEqual(0.25 * ticksPerSecond);
    expect(used(before.trees['worker-1'], after.trees['worker-1']!)).toBeLessThan(0.2 * ticksPerSecond);
  });
});
