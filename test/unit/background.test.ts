import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { asBackground as sut } from '../../dev/background';

const SCHED_IDLE = 5;
const chrtCanIdle = spawnSync('chrt', ['--idle', '0', 'true'], { stdio: 'ignore' }).status === 0;

/** Starts `sleep` the way sut says and reads its scheduling policy and nice value from /proc (fields 41 and 19). */
async function scheduling(nice: number): Promise<{ policy: number; nice: number }> {
  const [command, args] = sut('sleep', ['30'], nice);
  const child = spawn(command, args, { stdio: 'ignore' });
  try {
    const stat = () => readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // chrt and nice exec the command: wait until the process is sleep itself.
    for (let i = 0; i < 100 && !stat().startsWith(`${child.pid} (sleep)`); i++)
      await new Promise((r) => setTimeout(r, 10));
    const fields = stat().split(') ')[1]!.split(' ');
    return { policy: Number(fields[38]), nice: Number(fields[16]) };
  } finally {
    child.kill();
  }
}

(existsSync('/proc/self/stat') ? describe : describe.skip)('asBackground', () => {
  it('runs background work under SCHED_IDLE where chrt can, else at the nice value given', async () => {
    const got = await scheduling(10);
    expect(got).toEqual(chrtCanIdle ? { policy: SCHED_IDLE, nice: 0 } : { policy: 0, nice: 10 });
  });

  it('leaves the command as it is for nice 0 (a machine of its own)', async () => {
    expect(await scheduling(0)).toEqual({ policy: 0, nice: 0 });
  });
});
