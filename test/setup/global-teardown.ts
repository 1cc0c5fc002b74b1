/** Stops what global-setup started, newest first. */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __testStops?: Array<() => Promise<void>> }).__testStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
