import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, type ApiErrorBody } from './errors';

/**
 * The one API client: typed from the API's own OpenAPI document (`npm run web:api-types` writes
 * `schema.d.ts`; a test fails when it is stale). The access token lives in memory only; the
 * refresh token is an httpOnly cookie the browser sends to /api/v1/auth/web/*.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let accessToken: string | null = null;
let onExpired: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when the API says the token is no longer good (revoked, expired): the session ends. */
export function onSessionExpired(fn: () => void): void {
  onExpired = fn;
}

api.use({
  onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && accessToken && !request.url.includes('/api/v1/auth/web/')) onExpired?.();
    return response;
  },
});

/** The data of an openapi-fetch answer, or an ApiError carrying the platform's error body. */
export async function ok<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<T, undefined>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: 'network' } });
  }
  if (!result.response.ok) throw new ApiError(result.response.status, result.error as ApiErrorBody);
  return result.data as Exclude<T, undefined>;
}

/** Downloads a file answer (roster, result sheet, template) with the session's token. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as ApiErrorBody);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** For the few calls openapi-fetch cannot express (a multipart upload with progress). */
export function authHeader(): Record<string, string> {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}
