import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export type Role = 'viewer' | 'requester' | 'issuer' | 'admin';
const rank: Record<Role, number> = { viewer: 0, requester: 1, issuer: 2, admin: 3 };

export interface Me {
  name: string;
  role: Role;
  keyId: string | null;
}

export const meQuery = { queryKey: ['me'], queryFn: () => api.get<Me>('/me'), staleTime: Infinity, retry: false };

export function useMe() {
  return useQuery(meQuery);
}

/** Whether the signed-in person's role reaches `needed` (API.md roles): what it may not do is not offered. */
export function useCan(needed: Role): boolean {
  const { data } = useMe();
  return data ? rank[data.role] >= rank[needed] : false;
}
