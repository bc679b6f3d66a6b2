import { createHmac } from 'node:crypto';
import {
  isSignedAccountDeletion,
  MAX_SIGNATURE_AGE_SECONDS,
  signAccountDeletion,
} from '../../../src/auth/account-deletion-signature';

const SECRET = 'account-deletion-secret-0123456789-abcdef';
const BODY = '{"userId":"u1"}';
const NOW = 1_800_000_000;

describe('account deletion signature', () => {
  it('should be the HMAC-SHA256 of "<t>.<body>", as the guide computes it', () => {
    const v1 = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(signAccountDeletion(SECRET, BODY, NOW)).toBe(`t=${NOW},v1=${v1}`);
  });

  it('should accept its own signature within the age limit, either side of now', () => {
    for (const skew of [0, MAX_SIGNATURE_AGE_SECONDS, -MAX_SIGNATURE_AGE_SECONDS]) {
      const header = signAccountDeletion(SECRET, BODY, NOW + skew);
      expect(isSignedAccountDeletion(SECRET, header, BODY, NOW)).toBe(true);
    }
  });

  it('should refuse another body, secret, time past the limit, or a malformed header', () => {
    const header = signAccountDeletion(SECRET, BODY, NOW);
    expect(isSignedAccountDeletion(SECRET, header, '{"userId":"u2"}', NOW)).toBe(false);
    expect(isSignedAccountDeletion(`${SECRET}x`, header, BODY, NOW)).toBe(false);
    expect(isSignedAccountDeletion(SECRET, header, BODY, NOW + MAX_SIGNATURE_AGE_SECONDS + 1)).toBe(
      false,
    );
    for (const bad of [undefined, '', `${header},v0=00`, header.replace('v1=', 'v2='), 't=1']) {
      expect(isSignedAccountDeletion(SECRET, bad, BODY, NOW)).toBe(false);
    }
  });
});
