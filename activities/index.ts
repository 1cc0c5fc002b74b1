import { createGenerationActivities, type GenerationDeps } from './credential-generation';

export type ActivityDeps = GenerationDeps;
export type { DocumentRef } from './credential-generation';

/** Every activity the workflows call, built from injected dependencies (the worker's real ones, or a test's). */
export function createActivities(deps: ActivityDeps) {
  return { ...createGenerationActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
