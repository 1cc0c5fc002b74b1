import { builtinTemplates } from '../domain/templates/builtins';
import { renderCredentialPdf } from './render';
import { sampleSnapshot } from './sample-snapshot';

/** How a warm-up went: how long it took, and why it stopped short if it did. */
export interface WarmUp {
  ms: number;
  error?: string;
}

/** The `index`-th warm-up render: the built-in templates in turn, from sample data. Nothing is stored. */
export async function renderSample(index: number): Promise<void> {
  const template = builtinTemplates[index % builtinTemplates.length]!;
  await renderCredentialPdf(
    sampleSnapshot({
      templateId: template.id,
      builtinKey: template.key,
      version: 1,
      type: template.type,
      unitCount: template.type === 'Transcript' ? 20 : 6,
    }),
    { logoPng: null, signaturePng: null },
  );
}

/**
 * Renders each built-in template `rounds` times from sample data, so a process's first real credentials do not pay
 * for loading fonts, compiling the layout engine's WebAssembly and getting react-pdf's code hot: without it the first
 * seconds of a bulk run after a deploy went at a fifth of the steady pace. Never throws: a template that cannot render
 * its sample data fails its real renders with their own messages, so the caller only reports it.
 */
export async function warmUpRenderer(rounds: number): Promise<WarmUp> {
  const started = performance.now();
  try {
    for (let index = 0; index < rounds * builtinTemplates.length; index++) {
      await renderSample(index);
      // Let a poller or a shutdown signal in between renders.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { ms: performance.now() - started };
  } catch (err) {
    return { ms: performance.now() - started, error: err instanceof Error ? err.message : String(err) };
  }
}
