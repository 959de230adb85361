/**
 * Oversized requests: 10,000 recipients, a 1 MB subject, a 10 MB body (declared and streamed
 * without a length), a URL past the header limit. Each is refused with 400/413 (431 for the
 * URL, from Node's HTTP parser) without storing anything, and the server keeps working.
 */
import http from 'node:http';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, mail, type Customer } from '../fixtures';
import { fingerprint, listen, send, type Listening } from './support';

jest.setTimeout(60_000);

let t: TestApp;
let server: Listening;
let aino: string;
let kivijalka: Customer;

beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t.app);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const logEmail = (body: unknown) => send(`${server.url}/api/v1/actions/email`, { token: aino, body, timeoutMs: 20_000 });

/** Streams `total` bytes of a JSON string in chunks, with no Content-Length (chunked transfer). */
function streamChunked(path: string, total: number): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${aino}` } });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBytes: sent }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < total) {
        const first = sent === 0;
        const piece = first ? Buffer.concat([Buffer.from('{"subject":"'), chunk]) : chunk;
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end(answered ? undefined : '"}');
    };
    pump();
  });
}

describe('oversized requests', () => {
  test('are refused with 400/413, store nothing, and leave the server answering', async () => {
    const before = await fingerprint(t.conn);
    const base = mail({ from: kivijalka.contactEmail });

    const recipients = Array.from({ length: 10_000 }, (_, i) => `vastaanottaja${i}@kivijalka.fi`);
    const manyTo = await logEmail({ ...base, to: recipients });
    expect([400, 413]).toContain(manyTo.status);

    // Fewer bytes, same count: the contract's recipient limit answers, naming the field.
    const manyShort = await logEmail({ ...base, to: Array.from({ length: 10_000 }, (_, i) => `v${i}@ki.fi`) });
    expect(manyShort.status).toBe(400);
    expect(manyShort.body).toMatchObject({ error: { code: 'invalid_input', fields: [expect.objectContaining({ path: 'to' })] } });

    const megaSubject = await logEmail({ ...base, subject: 'Ä'.repeat(1024 * 1024) });
    expect(megaSubject.status).toBe(413);
    expect(megaSubject.body).toMatchObject({ error: { code: 'payload_too_large' } });

    const started = performance.now();
    const tenMegabytes = await logEmail({ ...base, excerpt: 'x'.repeat(10 * 1024 * 1024) });
    expect(tenMegabytes.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5_000);

    // Without a Content-Length the server stops reading at the limit instead of taking it all in.
    const streamed = await streamChunked('/api/v1/actions/email', 10 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'payload_too_large' } });

    const hugeLookup = await send(`${server.url}/api/v1/lookup?${Array.from({ length: 10_000 }, (_, i) => `email=a${i}@kivijalka.fi`).join('&')}`, { token: aino });
    expect([400, 414, 431]).toContain(hugeLookup.status);
    const tooManyAddresses = await send(`${server.url}/api/v1/lookup?${Array.from({ length: 101 }, (_, i) => `email=a${i}@ki.fi`).join('&')}`, { token: aino });
    expect(tooManyAddresses.status).toBe(400);

    expect(await fingerprint(t.conn)).toEqual(before);

    // Unaffected: health, a lookup and a normal log still work.
    expect((await send(`${server.url}/healthz`)).status).toBe(200);
    expect((await send(`${server.url}/api/v1/lookup?email=${encodeURIComponent(kivijalka.contactEmail)}`, { token: aino })).status).toBe(200);
    const normal = await logEmail(base);
    expect(normal.status).toBe(201);
  });
});
