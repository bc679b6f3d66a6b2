import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../../src/http/client-address';

const request = (peer: string | undefined, ...forwardedFor: string[]) =>
  ({
    socket: { remoteAddress: peer },
    headersDistinct: forwardedFor.length ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('should be the TCP peer when no proxy is trusted, whatever the client forwards', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), 0)).toBe('10.0.0.5');
  });

  it('should take the entry the trusted proxies wrote, counting from the right', () => {
    const spoofed = request('10.0.0.5', '198.51.100.9, 203.0.113.7');
    expect(clientAddress(spoofed, 1)).toBe('203.0.113.7');
    expect(clientAddress(spoofed, 2)).toBe('198.51.100.9');
  });

  it('should read entries spread over several headers in order', () => {
    expect(clientAddress(request('10.0.0.5', '198.51.100.9', '203.0.113.7, 10.0.0.9'), 2)).toBe(
      '203.0.113.7',
    );
  });

  it('should fall back to the peer when the chain is shorter than the trusted hops', () => {
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), 2)).toBe('10.0.0.5');
  });

  it('should fall back to the peer when the chosen entry is not an address', () => {
    expect(clientAddress(request('10.0.0.5', 'unknown'), 1)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '203.0.113.7, <script>'), 1)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', ' , '), 1)).toBe('10.0.0.5');
  });

  it('should accept IPv6 and addresses written with a port', () => {
    expect(clientAddress(request('10.0.0.5', '2001:db8::1'), 1)).toBe('2001:db8::1');
    expect(clientAddress(request('10.0.0.5', '[2001:db8::1]:443'), 1)).toBe('2001:db8::1');
    expect(clientAddress(request('10.0.0.5', '203.0.113.7:51234'), 1)).toBe('203.0.113.7');
  });
});
