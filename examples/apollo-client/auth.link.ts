import { SetContextLink } from '@apollo/client/link/context';

/**
 * Where the current access token comes from: Better Auth's JWT (`authClient.token()` with
 * its JWT plugin) or the app's own token route (see docs/better-auth.md). Called for every
 * operation, so a refreshed token is used as soon as the source returns it.
 */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

/** Sends `Authorization: Bearer <token>`; without a token the request goes out bare (401). */
export function createAuthLink(getToken: TokenSource): SetContextLink {
  return new SetContextLink(async (previous) => {
    const token = await getToken();
    if (!token) return {};
    return { headers: { ...previous.headers, authorization: `Bearer ${token}` } };
  });
}
