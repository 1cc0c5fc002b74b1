/** Ordered from least to most powerful: each role can do everything the ones before it can. */
export const roles = ['viewer', 'requester', 'issuer', 'admin'] as const;
export type Role = (typeof roles)[number];

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}
