/** Why the key set could not be had: no answer (or not 200), or an answer that is no key set. */
export type JwksFailure = 'jwks_unreachable' | 'jwks_invalid';

export class JwksFetchError extends Error {
  constructor(
    readonly reason: JwksFailure,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'JwksFetchError';
  }
}
