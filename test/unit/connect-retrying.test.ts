import { connectRetrying } from '../../apps/worker/connect-retrying';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7233'), { code: 'ECONNREFUSED' });

describe('connectRetrying', () => {
  it('tries again, waiting longer each time, until the connection is made', async () => {
    let calls = 0;
    const waits: number[] = [];
    const sut = await connectRetrying(
      async () => {
        calls++;
        if (calls < 4) throw refused();
        return 'connected';
      },
      { forMs: 60_000, onRetry: (_err, waitMs) => waits.push(waitMs), sleep: async () => undefined },
    );
    expect(sut).toBe('connected');
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('gives up with the last error once the time is up', async () => {
    let calls = 0;
    const connect = async () => {
      calls++;
      throw refused();
    };
    await expect(
      connectRetrying(connect, {
        forMs: 300,
        onRetry: () => undefined,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(calls).toBe(2); // at 0 ms, then after 250 ms; a third try would end past 300 ms
  });
});
