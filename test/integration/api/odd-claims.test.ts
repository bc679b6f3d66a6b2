import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  oddConfirmations,
  oddNumericDates,
  oddScopes,
  oddSubjects,
  type RawJson,
} from '../../support/odd-claims';
import { TEST_TARGETS } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

// Tests may read the environment for their own settings: ODD_CLAIM_RUNS for a longer run.
const RUNS = Number(process.env.ODD_CLAIM_RUNS ?? 25);

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A correctly signed HS256 token whose payload is written by hand, claim by claim. */
function signRaw(claims: Record<string, RawJson>): string {
  const payload = `{${Object.entries(claims)
    .map(([name, raw]) => `${JSON.stringify(name)}:${raw}`)
    .join(',')}}`;
  const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', TEST_SECRET).update(input).digest('base64url')}`;
}

describe.each(TEST_TARGETS)('well-signed tokens with odd claims on $name', (target) => {
  let seq = 0;
  // Most of these tokens are refused: the per-address limit on refusals would answer 429.
  const server = useTestServer(target, { AUTH_FAILURE_LIMIT: '1000000' });

  const nowSeconds = Math.floor(Date.now() / 1000);
  const baseClaims = (): Record<string, RawJson> => ({
    sub: JSON.stringify(`user-odd-${(seq += 1)}-${nowSeconds}`),
    iat: String(nowSeconds),
    exp: String(nowSeconds + 600),
  });

  /** Reads, writes and logs out with the token: each answers 200 or 401, never anything else. */
  async function expectNoServerError(token: string): Promise<void> {
    for (const query of [
      '{ me { id email name } }',
      'mutation { createTag(input: { name: "odd" }) { id } }',
      'mutation { revokeCurrentToken }',
      '{ me { id } }',
    ]) {
      const res = await server.post({ query }, { authorization: `Bearer ${token}` });
      expect({ query, status: [200, 401].includes(res.status) ? 'ok' : res.status }).toEqual({
        query,
        status: 'ok',
      });
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    }
  }

  it('should accept a fractional iat, exp and nbf', async () => {
    const claims = baseClaims();
    const token = signRaw({
      ...claims,
      iat: `${nowSeconds}.5`,
      nbf: `${nowSeconds - 1}.25`,
      exp: `${nowSeconds + 600}.75`,
    });
    const res = await server.post({ query: '{ me { id } }' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { id: JSON.parse(claims.sub!) } });
    await expectNoServerError(token);
  });

  it.each([
    ['iat', oddNumericDates(nowSeconds)],
    ['exp', oddNumericDates(nowSeconds)],
    ['nbf', oddNumericDates(nowSeconds)],
    ['cnf', oddConfirmations()],
    ['scope', oddScopes()],
    ['sub', oddSubjects()],
  ] as const)(
    'should never answer a server error for any %s',
    async (claim, values) => {
      await fc.assert(
        fc.asyncProperty(values, async (raw) => {
          await expectNoServerError(signRaw({ ...baseClaims(), [claim]: raw }));
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );
});
