import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import type { WarmUp } from '../../templates/warm-up';

/** The worker asks a render process for one PDF. Images travel as bytes (IPC uses structured clone). */
export interface RenderRequest {
  id: number;
  snapshot: CredentialSnapshot;
  images: { logoPng: Uint8Array | null; signaturePng: Uint8Array | null; nrtLogoPng?: Uint8Array | null };
  layout: unknown;
}

/**
 * A render process answers: ready (warmed up), a PDF, or why the render failed (the template's or data's fault), in
 * full and without any of the credential's text (textFreeError, the words that may enter Temporal's histories). Once,
 * it says its warm-up while idle is over.
 */
export type RenderReply =
  | { ready: true; warmUp: WarmUp | null }
  | { idleWarmUp: WarmUp & { renders: number; realRenders: number } }
  | { id: number; pdf: Uint8Array }
  | { id: number; error: string; textFreeError: string };

/** Bytes that crossed the IPC channel (a Uint8Array there) as the Buffer the rest of the code expects. */
export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** What the worker logs when a render process's warm-up while idle ends (the bench waits for these lines). */
export const idleWarmUpEndMessages = {
  done: 'render process warmed up while idle',
  stopped: 'sample render failed; warm-up while idle stopped',
} as const;
