import type { LoggerService } from '@nestjs/common';
import type { Logger } from '../../logger';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's logger calls written as pino lines. Nest passes the context (the class name) last; a first argument that is an
 * object becomes the line's fields (an Error its `err`), as in `logger.warn({ credentialId, err }, 'message')`.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const params = [...rest];
    if (params.length && typeof params[params.length - 1] === 'string') fields.context = params.pop();
    // Nest's own exception handlers call error(message, stack, context).
    if (
      level === 'error' &&
      typeof message === 'string' &&
      typeof params[0] === 'string' &&
      /\n\s*at /.test(params[0])
    ) {
      const err = new Error(message);
      err.stack = params[0];
      this.pino.error({ ...fields, err });
      return;
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, ...(params as [string?]));
    else if (typeof message === 'object' && message !== null)
      this.pino[level]({ ...fields, ...message }, ...(params as [string?]));
    else this.pino[level](fields, String(message), ...params);
  }
}
