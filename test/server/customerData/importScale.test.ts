/**
 * A large import streams: the file is generated on the fly and sent chunk by chunk over real
 * HTTP, and the server never holds it whole. Prints rows per second and the process's peak
 * RSS. The default run is small enough for the suite; IMPORT_SCALE_ROWS=100000 measures the
 * issue's 100,000 rows (dry run, then the real run, then a re-import of the same file).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { businessIdCheckDigit } from '../../../shared/domain/businessId';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken } from '../fixtures';

const ROWS = Number(process.env.IMPORT_SCALE_ROWS ?? 3000);

let t: TestApp;
let server: http.Server;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  token = await adminToken(t);
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

function businessId(n: number): string | null {
  const digits = String(1_000_000 + n).padStart(7, '0');
  const check = businessIdCheckDigit(digits);
  return check === null ? null : `${digits}-${check}`;
}

/** The file, line by line, in chunks of about 64 KB: never one string. */
function* csvChunks(rows: number): Generator<Buffer> {
  let chunk = '\uFEFFnimi;y-tunnus;segmentti;asiakasryhmä;verkkotunnukset;top-tunnus;osasto\r\n';
  for (let i = 0; i < rows; i++) {
    const y = businessId(i) ?? '';
    chunk += `Yritys ${i} Oy – Päijät-Häme;${y};${'ABCP'[i % 4]};${['yritys', 'julkinen', 'kumppani'][i % 3]};yritys${i}.fi;TOP-${i};Osasto ${i % 7}\r\n`;
    if (chunk.length > 64 * 1024) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk, 'utf8');
}

async function upload(dryRun: boolean): Promise<{ status: number; body: { summary: Record<string, number>; rows: unknown[] }; ms: number; peakRss: number }> {
  const { port } = server.address() as AddressInfo;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = Date.now();
  try {
    return await new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: `/api/v1/imports?kind=organizations&dryRun=${dryRun}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')), ms: Date.now() - started, peakRss }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      Readable.from(csvChunks(ROWS)).pipe(req);
    });
  } finally {
    clearInterval(sampler);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

it(`imports ${ROWS} customers from a streamed file: dry run, real run, then a re-import that changes nothing`, async () => {
  const baseline = process.memoryUsage().rss;
  const dry = await upload(true);
  expect(dry.status).toBe(201);
  expect(dry.body.summary).toEqual({ created: ROWS, updated: 0, unchanged: 0, errors: 0 });
  expect(dry.body.rows).toHaveLength(ROWS);

  const real = await upload(false);
  expect(real.body).toMatchObject({ summary: dry.body.summary });
  expect(real.body.summary).toEqual(dry.body.summary);
  expect(await t.models.Organization.estimatedDocumentCount()).toBe(ROWS);

  const again = await upload(false);
  expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: ROWS, errors: 0 });

  const rate = (r: { ms: number }) => Math.round((ROWS / r.ms) * 1000);
  const line = `[import scale] ${ROWS} rows on ${process.env.TEST_DB_ENGINE ?? 'external'}: `
    + `dry run ${dry.ms} ms (${rate(dry)} rows/s), real run ${real.ms} ms (${rate(real)} rows/s), re-import ${again.ms} ms (${rate(again)} rows/s); `
    + `RSS before ${mb(baseline)}, peak ${mb(Math.max(dry.peakRss, real.peakRss, again.peakRss))}`;
  console.log(line);
}, 1_800_000);
