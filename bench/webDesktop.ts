/**
 * The web desktop's reads at college scale, one request (or one page's parallel requests) at a
 * time: a customer page (the customer ‖ its contacts ‖ the first timeline page, as the web app
 * issues them) and searches of the customer list by the kinds of text people type.
 * Latency is the round trip on loopback, measured here; the database commands per request come
 * from the server's own counts (serve.ts), taken around each kind.
 */
import type { Models } from '../server/persistence/models';
import { CUSTOMER_LIST_PAGE_SIZE } from '../shared/contract';

export interface Quantiles {
  name: string;
  /** Measured samples (pages or requests). */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Average items the answers held (customers found, or timeline items). */
  items: number;
  commandsPerRequest?: number;
  sequentialPerRequest?: number;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const round1 = (n: number) => Math.round(n * 10) / 10;

export function quantiles(name: string, ms: readonly number[], errors: number, items: number): Quantiles {
  const s = [...ms].sort((a, b) => a - b);
  return { name, n: s.length, p50: round1(quantile(s, 0.5)), p95: round1(quantile(s, 0.95)), p99: round1(quantile(s, 0.99)), max: round1(s[s.length - 1] ?? NaN), errors, items: round1(items / Math.max(s.length, 1)) };
}

/** The search kinds and their queries, drawn from the stored customers and contacts (deterministically). */
export async function searchQueries(models: Models, perKind: number): Promise<Record<string, string[]>> {
  const orgs = await models.Organization.find({}, { name: 1, businessId: 1, emailDomains: 1 }).limit(2_000).lean();
  const contacts = await models.Contact.find({}, { name: 1 }).limit(2_000).lean();
  const at = <T>(xs: readonly T[], i: number) => xs[(i * 7_919) % xs.length]!;
  const withId = orgs.filter((o) => o.businessId);
  const words = (name: string) => name.split(/\s+/);
  const kinds: Record<string, (i: number) => string> = {
    // The start of a word of the name, as typed: "rakenn", "kirkko".
    'name prefix': (i) => words(at(orgs, i).name)[i % 2]!.slice(0, 6).toLowerCase(),
    'business ID prefix': (i) => at(withId, i).businessId!.slice(0, 4),
    'contact surname': (i) => words(at(contacts, i).name).at(-1)!,
    'mail domain': (i) => at(orgs, i).emailDomains[0]!,
    // Two whole words of a name: "Sähkö Lohja".
    'two words': (i) => words(at(orgs, i).name).slice(0, 2).join(' '),
  };
  return Object.fromEntries(Object.entries(kinds).map(([k, q]) => [k, Array.from({ length: perKind }, (_, i) => q(i))]));
}

export async function timedGet(baseUrl: string, token: string, path: string): Promise<{ ms: number; ok: boolean; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body: unknown = await res.json();
  return { ms: performance.now() - t0, ok: res.ok, body };
}

/** One customer page: the three reads in parallel; its time is the slowest's. */
export async function customerPage(baseUrl: string, token: string, id: string): Promise<{ ms: number; ok: boolean; items: number }> {
  const t0 = performance.now();
  const [org, contacts, actions] = await Promise.all([
    timedGet(baseUrl, token, `/api/v1/organizations/${id}`),
    timedGet(baseUrl, token, `/api/v1/organizations/${id}/contacts`),
    timedGet(baseUrl, token, `/api/v1/organizations/${id}/actions?limit=20`),
  ]);
  return { ms: performance.now() - t0, ok: org.ok && contacts.ok && actions.ok, items: (actions.body as { items?: unknown[] }).items?.length ?? 0 };
}

/** A search as the web app's customer list sends it: one screenful of results. */
export const searchPath = (q: string) => `/api/v1/organizations?q=${encodeURIComponent(q)}&pageSize=${CUSTOMER_LIST_PAGE_SIZE}`;
export const searchItems = (body: unknown) => (body as { items?: unknown[] }).items?.length ?? 0;
