import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Router, static as serveStatic, type Request, type Response } from 'express';

/** Where `npm run build` puts the console: dist/console beside dist/apps (this runs from dist/apps/api/console). */
export const consoleDir = resolve(__dirname, '../../../console');

// The console's own files only: scripts and styles from this origin, PDFs previewed in frames from blob: URLs.
const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The ops console, a static single-page app: its files are public (the API key it signs in with is not in them), every
 * path under /console without a file is the app's own route and gets index.html, so a reload keeps the place.
 */
export function serveConsole(dir = consoleDir): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  if (!existsSync(join(dir, 'index.html'))) {
    router.use((_req: Request, res: Response) => {
      res.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: 'The console is not built: run `npm run build` (npm start does it).',
      });
    });
    return router;
  }
  // Vite names assets by their content hash, so they never change; index.html names the current ones.
  router.use(
    '/assets',
    serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );
  router.use(serveStatic(dir, { index: false, maxAge: 0 }));
  router.get(/.*/, (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    // With root, send's dotfile check covers only 'index.html', not a parent such as the tests' .test-dist.
    res.sendFile('index.html', { root: dir });
  });
  return router;
}
