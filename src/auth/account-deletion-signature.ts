import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Better Auth's afterDelete hook signs its call with: `t=<unix seconds>,v1=<hex>`. */
export const SIGNATURE_HEADER = 'x-signature';
/** How far the signed time may be from ours: a captured call cannot be replayed later. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

const FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

function mac(secret: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
}

/** The header value for this body, signed now (or at `timestamp`). */
export function signAccountDeletion(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

/** Whether the header signs exactly this body with the secret, recently enough. */
export function isSignedAccountDeletion(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const match = FORMAT.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > MAX_SIGNATURE_AGE_SECONDS) return false;
  return timingSafeEqual(Buffer.from(match[2]!, 'hex'), mac(secret, timestamp, body));
}
