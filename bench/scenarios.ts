/**
 * The load scenarios: what each request looks like, drawn from the dataset's samples so that
 * consecutive requests ask about different people and customers.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { DeskSample, Samples } from './dataset';

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** Builds one request: its path and, for POST, the JSON body. */
  next(): { path: string; body?: string };
  /** Whose requests these are (default: the load's rotating tokens). */
  tokens?: readonly string[];
}

export interface ScenarioResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  requests: number;
  /** Throughput relative to the one-read ceiling (`ONE_READ`) and to the bare endpoint. */
  vsOneRead?: number;
  vsBare?: number;
  /** Database commands the server sent per request answered (the driver's command monitoring). */
  commandsPerRequest?: number;
  /** The same by command and collection, e.g. `{ 'find organizations': 1 }`. */
  commands?: Record<string, number>;
  /** Of those, how many a request waited for one after another (its longest chain), on average. */
  sequentialPerRequest?: number;
  /** CPU time per request of the server process, the database and the load generator. */
  cpuMsPerRequest?: { server: number; database: number; loadGenerator: number };
}

/** Cycles through a list, starting somewhere different for every scenario. */
function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('the dataset gave no samples for a scenario');
  let i = Math.floor(Math.random() * items.length);
  return () => items[i++ % items.length]!;
}

const q = (params: [string, string][]) => params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/** The scenario every other is compared with: one `_id` read through the whole stack. */
export const ONE_READ = 'customer by id (1 read)';
/** `/healthz`: the middleware (request id, pino-http, helmet) and a constant, no sign-in. */
export const BARE = 'bare endpoint';

export function buildScenarios(samples: Samples): Scenario[] {
  const run = randomBytes(4).toString('hex');
  let seq = 0;
  const freshMessageId = () => `<bench-${run}-${(seq++).toString(36)}@mail.asiakkuus.example>`;
  const contact = cycle(samples.contactEmails);
  const otherContact = cycle([...samples.contactEmails].reverse());
  const domain = cycle(samples.domainEmails);
  const unknown = cycle(samples.unknownEmails);
  const manager = cycle(samples.managerEmails);
  const logged = cycle(samples.loggedMails);
  const organization = cycle(samples.organizationIds);

  const mail = (internetMessageId: string, from: string, occurredAt: string) =>
    JSON.stringify({
      internetMessageId,
      subject: 'Koulutuspäivien aikataulu – vahvistus',
      occurredAt,
      direction: 'in',
      from,
      to: [manager()],
      cc: [],
      excerpt: 'Hei! Vahvistan, että ryhmä aloittaa työturvallisuuskorttikoulutuksen maanantaina klo 9. Terveisin',
    });

  return [
    // The task pane always asks with the open mail's message id, to show who logged it already.
    { name: 'lookup (1 address)', method: 'GET', next: () => ({ path: `/api/v1/lookup?${q([['email', contact()], ['messageId', freshMessageId()]])}` }) },
    {
      name: 'lookup (4 addresses)',
      method: 'GET',
      next: () => ({
        path: `/api/v1/lookup?${q([['email', contact()], ['email', otherContact()], ['email', domain()], ['email', unknown()], ['messageId', freshMessageId()]])}`,
      }),
    },
    { name: 'log email (new)', method: 'POST', next: () => ({ path: '/api/v1/actions/email', body: mail(freshMessageId(), contact(), new Date().toISOString()) }) },
    {
      name: 'log email (repeat)',
      method: 'POST',
      next: () => {
        const m = logged();
        return { path: '/api/v1/actions/email', body: mail(m.internetMessageId, m.from, m.occurredAt) };
      },
    },
    // The ceiling of a database-backed route: sign-in, rate limits, routing, access, one `findById`
    // of a customer (rules and names come from the reference data in the process), JSON.
    { name: ONE_READ, method: 'GET', next: () => ({ path: `/api/v1/organizations/${organization()}` }) },
    // The same stack without the read: who is signed in comes from the process.
    { name: 'signed in, no read (/me)', method: 'GET', next: () => ({ path: '/api/v1/me' }) },
    { name: BARE, method: 'GET', next: () => ({ path: '/healthz' }) },
  ];
}

export const DESK_READ = "desk (one manager's ~300 customers)";
export const DESK_LOG = 'log action on a desk customer';

/**
 * The account manager's home page: warm GET /desk of one manager with ~300 customers, and a
 * colleague's call on one of them (the customer and the two desks' parts it touches).
 */
export function buildDeskScenarios(desk: DeskSample, managerToken: string, colleagueToken: string): Scenario[] {
  const organization = cycle(desk.organizationIds);
  let seq = 0;
  return [
    { name: DESK_READ, method: 'GET', tokens: [managerToken], next: () => ({ path: '/api/v1/desk' }) },
    {
      name: DESK_LOG,
      method: 'POST',
      tokens: [colleagueToken],
      next: () => ({
        path: '/api/v1/actions',
        body: JSON.stringify({ kind: 'call', occurredAt: new Date().toISOString(), subject: `Soitto ${seq++}`, organizationId: organization() }),
      }),
    },
  ];
}

/** Runs one scenario with autocannon; tokens rotate so that the load comes from many users. */
export async function runScenario(
  baseUrl: string,
  scenario: Scenario,
  tokens: readonly string[],
  opts: { connections: number; seconds: number },
): Promise<ScenarioResult> {
  const token = cycle(scenario.tokens ?? tokens);
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    requests: [
      {
        method: scenario.method,
        setupRequest: (req) => {
          const { path, body } = scenario.next();
          const headers: Record<string, string> = { authorization: `Bearer ${token()}` };
          if (body !== undefined) headers['content-type'] = 'application/json';
          return { ...req, method: scenario.method, path, headers, ...(body !== undefined ? { body } : {}) };
        },
      },
    ],
  });
  const total = result.requests.total;
  return {
    name: scenario.name,
    rps: Math.round((total / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.non2xx + result.errors,
    requests: total,
  };
}
