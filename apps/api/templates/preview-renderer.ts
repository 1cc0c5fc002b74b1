import type { OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { createLogger } from '../../logger';
import { startRenderPool, type RenderPool } from '../../worker/render-pool';

/**
 * Template previews render in the API's own render process (the worker's render-process program and pool), never on
 * the API's event loop, and under RENDER_TIMEOUT_SECONDS: a layout that never finishes costs its process, which is
 * replaced, not the API. The process starts with the first preview (most API processes never preview) and stays.
 */
export class PreviewRenderer implements OnApplicationShutdown {
  private pool: RenderPool | null = null;

  constructor(
    private readonly config: Pick<AppConfig, 'renderTimeoutSeconds' | 'logLevel'>,
    /** Tests point it at the compiled render process. */
    private readonly script?: string,
  ) {}

  render: RenderPool['render'] = (snapshot, images, layout) => {
    this.pool ??= startRenderPool({
      processes: 1,
      perProcess: 1,
      timeoutMs: this.config.renderTimeoutSeconds * 1000,
      logger: createLogger(this.config.logLevel, 'api-render'),
      // One round and nothing while idle: a preview is rare, and the API's CPU is for requests.
      env: { RENDER_WARM_UP_ROUNDS: '1', RENDER_IDLE_WARM_UP_RENDERS: '0' },
      ...(this.script ? { script: this.script } : {}),
    });
    return this.pool.render(snapshot, images, layout);
  };

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.stop();
  }
}
