import { session } from './session';

/** An answer the API refused, with its message in words (the API's error format: API.md, Conventions). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** `?a=1&b=x,y` without the blanks, so a URL built from a form only names the filters in use. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(name, value.join(','));
    } else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: string | string[]; details?: unknown[] };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return new ApiError(response.status, message || response.statusText, body.details ?? []);
  } catch {
    return new ApiError(response.status, text || `${response.status} ${response.statusText}`);
  }
}

/** A call to the API as the signed-in person; a 401 signs out (the key was revoked or mistyped). */
export async function request(method: string, path: string, body?: unknown, key = session.key()): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && key === session.key()) {
      session.signOut();
      window.dispatchEvent(new Event('credentials-console:signed-out'));
    }
    throw error;
  }
  return response;
}

export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> =>
    (await request('GET', `${path}${queryString(query)}`)).json() as Promise<T>,
  post: async <T>(path: string, body: unknown = {}): Promise<T> => {
    const response = await request('POST', path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  },
  put: async <T>(path: string, body: unknown): Promise<T> => (await request('PUT', path, body)).json() as Promise<T>,
  patch: async <T>(path: string, body: unknown): Promise<T> =>
    (await request('PATCH', path, body)).json() as Promise<T>,
  delete: async (path: string): Promise<void> => {
    await request('DELETE', path);
  },
  /** A PDF answer as a blob, to open in a tab (merge, print, template previews). */
  pdf: async (method: string, path: string, body?: unknown): Promise<Blob> =>
    (await request(method, path, body)).blob(),
};
