import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The JSON body limit of a route that takes no images. */
export const defaultBodyLimit = '1mb';

/**
 * The routes that take base64 images, and how much each may send: a logo or a signature (2 MB decoded, a third more
 * as base64), a template layout with a background and a logo (2 MB each) and its elements.
 */
const imageRoutes: Array<{ method: string; path: RegExp; limit: string }> = [
  { method: 'PUT', path: /^\/organisation\/?$/, limit: '3mb' },
  { method: 'POST', path: /^\/issuing-officers\/?$/, limit: '3mb' },
  { method: 'POST', path: /^\/credential-templates\/?$/, limit: '6mb' },
  { method: 'POST', path: /^\/credential-templates\/preview\/?$/, limit: '6mb' },
  { method: 'PUT', path: /^\/credential-templates\/[^/]+\/?$/, limit: '6mb' },
];

/** Keys that reach an object's prototype when code copies a body; refused wherever they appear. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any body of ours (a template layout is four levels): deeper is refused before anything recurses. */
export const maxBodyDepth = 32;

/** PostgreSQL text cannot hold U+0000, so no field can: refused at the door, not met as a database error. */
const nul = '\u0000';
const nulProblem = (what: string, where = '') => `The ${what} may not contain the NUL character (U+0000)${where}`;

/**
 * Null when the parsed body (or query string: `what`) is acceptable; otherwise what is wrong, found in one pass
 * without recursion.
 */
export function requestInputProblem(input: unknown, what = 'request body'): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: input, depth: 0, path: '' }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string' && value.includes(nul)) return nulProblem(what, path ? ` (at ${path})` : '');
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxBodyDepth) return `The ${what} nests deeper than ${maxBodyDepth} levels`;
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (forbiddenKeys.has(key)) return `The ${what} may not use the key "${key}" (at ${at})`;
      if (key.includes(nul)) return nulProblem(what, ' (in a key)');
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: at });
    }
  }
  return null;
}

/**
 * JSON bodies: 1 MB, more only on the routes that take images. Webhook signatures cover the exact bytes received, so
 * those routes also keep the raw body. A body that is not JSON, too large, too deep or using a prototype key is a 4xx
 * that says so; so is a NUL character in the path, the query string or the body.
 */
export function parseJsonBodies(): RequestHandler[] {
  const verify = (req: { url?: string; rawBody?: Buffer }, _res: unknown, buffer: Buffer) => {
    if (req.url?.startsWith('/webhooks/')) req.rawBody = buffer;
  };
  const parsers = new Map<string, RequestHandler>();
  const parserFor = (limit: string) => {
    let parser = parsers.get(limit);
    if (!parser) parsers.set(limit, (parser = json({ limit, verify })));
    return parser;
  };
  const choose = (req: Request, res: Response, next: NextFunction) => {
    const route = imageRoutes.find((r) => r.method === req.method && r.path.test(req.path));
    parserFor(route?.limit ?? defaultBodyLimit)(req, res, next);
  };
  const explain = (
    err: { type?: string; message?: string; limit?: number },
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    if (err?.type === 'entity.parse.failed')
      return next(new BadRequestException(`The request body is not valid JSON: ${err.message}`));
    if (err?.type === 'entity.too.large')
      return next(
        new PayloadTooLargeException(
          `The request body is too large: at most ${Math.floor((err.limit ?? 0) / 1024)} KB on this route`,
        ),
      );
    next(err);
  };
  const check = (req: Request, _res: Response, next: NextFunction) => {
    const problem =
      (/%00/.test(req.path) ? nulProblem('request path') : null) ??
      requestInputProblem(req.query, 'query string') ??
      requestInputProblem(req.body);
    next(problem ? new BadRequestException(problem) : undefined);
  };
  return [choose, explain as unknown as RequestHandler, check];
}
