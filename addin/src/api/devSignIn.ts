/** The dev sign-in (AUTH_MODE=dev only): a token for a work email from the server's /dev/token. */
import { DevTokenResponseSchema, ErrorBodySchema } from '../../../shared/contract';
import { DEV_TOKEN_PATH } from '../auth/account';
import { ApiError } from './errors';

export async function devSignIn(email: string, fetchFn: typeof fetch = (i, init) => window.fetch(i, init)): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(DEV_TOKEN_PATH, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ email }) });
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : 'The network request failed');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const err = ErrorBodySchema.safeParse(body);
    throw new ApiError('http', err.success ? err.data.error.message : `HTTP ${response.status}`, response.status, err.success ? err.data.error.code : undefined, err.success ? err.data.error.fields ?? [] : []);
  }
  const parsed = DevTokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new ApiError('invalid_response', 'The dev sign-in answer does not match the contract', response.status);
  return parsed.data.token;
}
