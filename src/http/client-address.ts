import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** An `X-Forwarded-For` entry as proxies write it: a bare address, or one with a port. */
function addressOf(entry: string): string | undefined {
  const value = entry.trim();
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)?.[1];
  if (bracketed && isIP(bracketed) === 6) return bracketed;
  const withPort = /^([^:]+):\d+$/.exec(value)?.[1];
  if (withPort && isIP(withPort) === 4) return withPort;
  return undefined;
}

/**
 * The address per-client limits and the audit log count by. With `trustedHops` proxies in
 * front (TRUST_PROXY_HOPS), each appends the address it received from to `X-Forwarded-For`:
 * the client is that many entries in from the right, counting the TCP peer as the first
 * proxy. Entries further left are whatever the client sent and are never believed. Without
 * trusted hops, or when the chain is shorter or an entry is not an address, it is the peer:
 * a client reaching the server directly cannot choose its own address.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustedHops === 0) return peer;
  const forwarded = (req.headersDistinct['x-forwarded-for'] ?? [])
    .flatMap((header) => header.split(','))
    .filter((entry) => entry.trim() !== '');
  const index = forwarded.length - trustedHops;
  if (index < 0) return peer;
  return addressOf(forwarded[index]!) ?? peer;
}
