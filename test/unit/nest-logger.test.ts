import { Writable } from 'node:stream';
import pino from 'pino';
import { NestPinoLogger } from '../../apps/api/logging/nest-logger';

function loggerWithLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { sut: new NestPinoLogger(pino({ level: 'trace' }, stream)), lines };
}

describe('NestPinoLogger', () => {
  it('writes a message with its context at the matching level', () => {
    const { sut, lines } = loggerWithLines();
    sut.log('Nest application successfully started', 'NestApplication');
    sut.verbose('detail', 'Routes');
    expect(lines).toMatchObject([
      { level: 30, msg: 'Nest application successfully started', context: 'NestApplication' },
      { level: 10, msg: 'detail', context: 'Routes' },
    ]);
  });

  it('turns a first object into fields and an Error into err, keeping the message', () => {
    const { sut, lines } = loggerWithLines();
    sut.warn({ credentialId: 'c-1', attempts: 3 }, 'could not start', 'CredentialWorkflows');
    sut.error(new Error('boom'), 'Errors');
    expect(lines[0]).toMatchObject({
      level: 40,
      credentialId: 'c-1',
      attempts: 3,
      msg: 'could not start',
      context: 'CredentialWorkflows',
    });
    expect(lines[1]).toMatchObject({ level: 50, context: 'Errors', err: { message: 'boom', type: 'Error' } });
    expect((lines[1]!.err as { stack: string }).stack).toContain('nest-logger.test');
  });

  it("keeps the stack when Nest's own exception handler passes it as a second string", () => {
    const { sut, lines } = loggerWithLines();
    sut.error('Unhandled', 'Error: Unhandled\n    at somewhere (file.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ExceptionsHandler',
      err: { message: 'Unhandled', stack: 'Error: Unhandled\n    at somewhere (file.js:1:1)' },
    });
  });
});
