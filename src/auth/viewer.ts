/** Who is calling, as proven by a verified token. Built only by the token verifier. */
export interface Viewer {
  /** The token's `sub`: the user's id everywhere in the data. */
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  /**
   * null: a first-party session token (no `scope` claim), full access to its own data.
   * A set: only these scopes (an empty `scope` claim grants nothing).
   */
  readonly scopes: ReadonlySet<string> | null;
  /**
   * The token's `cnf.jkt` (RFC 9449): the thumbprint of the key every request must prove
   * possession of with a DPoP proof. null: a plain bearer token.
   */
  readonly boundKey: string | null;
  /** The token's `jti`, or a hash of its signed part when it has none: the revocation key. */
  readonly tokenId: string;
  /** Without `jti`: the key earlier releases revoked this token by (revocation-key.ts). */
  readonly legacyTokenId?: string;
  /** `iat`, whole seconds since the epoch (rounded down). */
  readonly issuedAt: number;
  /** `exp`, seconds since the epoch. */
  readonly expiresAt: number;
}

export function hasScope(viewer: Viewer, scope: string): boolean {
  return viewer.scopes === null || viewer.scopes.has(scope);
}
