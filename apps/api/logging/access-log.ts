import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../logger';
import type { HttpMetrics } from '../metrics/http-metrics';

export interface RequestWithId extends Request {
  id?: string;
}

/**
 * The URL as logged: a verification code is a credential's key to its public record and search text is usually a
 * person's name, so neither reaches the log (`/verify/:code`, `q=[omitted]`).
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at < 0 ? url : url.slice(0, at)).replace(/^\/verify\/[^/]+/, '/verify/:code');
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => (/^q(=|$)/i.test(pair) ? 'q=[omitted]' : pair))
    .join('&');
  return `${path}?${query}`;
}

/** A caller's or proxy's request id is kept when it looks like one; otherwise we make one. */
const requestIdPattern = /^[\w.:-]{1,100}$/;

/**
 * One line per request once its answer is sent or the client went away: id, method, URL (never headers, so no API key;
 * without verification codes and search text),
 * status and time; an answered request is also counted in the HTTP metrics. The id is echoed in `X-Request-Id`, so a
 * client can quote it and ops can find both the line and any error logged for that request. It is one clock and one
 * listener on the response, not a logger per request: the request path is the API's hottest code.
 */
export function logAndCountRequests(logger: Logger, metrics: HttpMetrics) {
  return (req: RequestWithId, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = {
        req: {
          id: req.id,
          method: req.method,
          url: loggableUrl(req.originalUrl),
          remoteAddress: req.socket.remoteAddress,
        },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(seconds * 1e5) / 100,
      };
      if (!res.writableFinished) {
        logger.warn(line, 'request aborted before the answer was sent');
        return;
      }
      metrics.record(req.method, (req.route as { path?: string } | undefined)?.path, res.statusCode, seconds);
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
