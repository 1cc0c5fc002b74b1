import type { HttpException } from '@nestjs/common';
import { HealthController } from '../../apps/api/health/health.controller';
import { loadConfig } from '../../apps/config';

describe('TRUST_PROXY', () => {
  it('is off by default and takes true, a hop count or addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,2001:db8::/32' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '2001:db8::/32',
    ]);
  });

  it('names a bad value', () => {
    for (const bad of ['maybe', '11', '10.0.0.0/33', '10.0.0.300', 'loopback,'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
  });
});

describe('GET /health', () => {
  const down = () => Promise.reject(new Error('password authentication failed for user "postgres" at db.internal'));
  const controller = (authenticated: boolean) =>
    new HealthController(
      { getConnection: () => ({ execute: down }) } as never,
      { connection: { workflowService: { getSystemInfo: () => Promise.resolve({}) } } } as never,
      {
        authenticate: () => Promise.resolve(authenticated ? { keyId: 'k', name: 'n', role: 'viewer' } : null),
      } as never,
    );
  const answer = async (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a 503');
      },
      (err: HttpException) => ({ status: err.getStatus(), body: JSON.stringify(err.getResponse()) }),
    );

  it('says only up or down without a key', async () => {
    const { status, body } = await answer(controller(false).check());
    expect(status).toBe(503);
    expect(JSON.parse(body)).toEqual({
      message: 'Not healthy: database down, temporal up',
      details: [{ status: 'degraded', database: 'down', temporal: 'up' }],
    });
    const guessed = await answer(controller(false).check('Bearer not-a-key'));
    expect(guessed.body).not.toContain('password');
  });

  it('gives the reasons to a valid key', async () => {
    const { status, body } = await answer(controller(true).check('Bearer ce_valid'));
    expect(status).toBe(503);
    expect(body).toContain('password authentication failed');
  });
});
