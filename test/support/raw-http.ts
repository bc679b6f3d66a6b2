import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A request with headers exactly as given, repeats included: fetch merges two headers of
 * the same name into one, which is not what a proxy or attacker may send.
 */
export function rawRequest(
  url: string,
  options: { method?: string; host?: string; headers?: string[]; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        // Given as an array, headers are sent as they are: Node adds no Host of its own.
        headers: ['host', options.host ?? new URL(url).host, ...(options.headers ?? [])],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
