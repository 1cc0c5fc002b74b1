import pino from 'pino';

/** Structured JSON logs on stdout, one object per line; the API key header is never written. */
export function createLogger(level: string, name: string) {
  return pino({ level, name, redact: ['req.headers.authorization', 'headers.authorization'] });
}

export type Logger = ReturnType<typeof createLogger>;
