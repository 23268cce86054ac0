// A lean keep-alive client for load generation. Undici's fetch costs the load generator more CPU
// than the hub spends answering, which would measure the client; node:http does not.
import { Agent, request } from 'node:http';
import { buildRequest, type ApiClient } from '../main/contract/index.ts';
import { ApiError } from '../main/contract/index.ts';

export function createLoadClient(baseUrl: string): ApiClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (name, input, token) => {
    const req = buildRequest(name, input);
    return new Promise((resolve, reject) => {
      const r = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code: never; message: string } };
            if ((res.statusCode ?? 500) >= 400)
              reject(new ApiError(res.statusCode ?? 500, json.error?.code ?? 'INTERNAL', json.error?.message ?? ''));
            else resolve(json as never);
          });
        },
      );
      r.on('error', (err) => reject(new ApiError(0, 'NETWORK', String(err))));
      r.end(req.body);
    });
  };
}
