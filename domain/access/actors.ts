/**
 * The names the system writes into credential history as the actor, besides API keys' names: an API key may not take
 * one (ignoring case), so an actor in history is always either the system or exactly one key.
 */
export const systemActorNames = [
  'workflow',
  'data-fix',
  'system',
  'resend',
  'anonymous',
  'ADMIN_API_KEY',
  'worker',
  'api',
] as const;

export function isSystemActorName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return systemActorNames.some((reserved) => reserved.toLowerCase() === lower);
}
