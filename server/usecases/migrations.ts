/**
 * One-off migrations at start (server/compose.ts): each named, run once per database however many
 * instances start, its marker (repositories/migrations.ts) telling later starts that it is done, so
 * a start on an up-to-date database reads one marker per migration and walks no collection.
 *
 * With several instances starting together one claims a migration (with a lease, renewed while it
 * runs) and runs it; the others wait for its marker to say done before they serve, so that no
 * instance answers from read models still being built. An instance that crashed mid-run leaves a
 * lease that runs out; the next start (or a waiting instance) claims the migration and runs it again
 * from the start: every migration here is idempotent, step by step.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Repositories } from '../persistence/repositories';
import { backfillReadModels, ensureSearchIndex } from './customerReadModels';

export interface Migration {
  /** The marker's `_id`: a new version of a migration gets a new name. */
  id: string;
  run(repos: Repositories): Promise<unknown>;
}

/**
 * The migrations every start makes sure of, in order. The search index is a step of its own
 * (`search-index-v3`, the layout whose entries carry the sort keys): a new design of the index comes with its own rebuild under a new name.
 */
export const STARTUP_MIGRATIONS: readonly Migration[] = [
  { id: 'search-index-v3', run: ensureSearchIndex },
  { id: 'read-models-v3', run: backfillReadModels },
  // The reports' copy of the actions by month (repositories/activityMonths): one pass over the actions, once.
  { id: 'activity-months-v1', run: async (repos) => ({ actions: await repos.activity.rebuild(repos.actions.stream()) }) },
];

export interface MigrationOptions {
  /** Who runs it (default: host, process and a random part, unique per start). */
  owner?: string;
  /** How long a claim holds without renewal (default 5 minutes); renewed every third of it while the run lasts. */
  leaseMs?: number;
  /** How often an instance waiting for another's run looks at the marker (default 1 s). */
  pollMs?: number;
  /** What is reported: each migration this start ran, and each it waited for. */
  onEvent?: (e: { id: string; event: 'ran' | 'waited'; ms: number; result?: unknown }) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const defaultOwner = () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Runs the migration unless it is done; waits while another owner runs it. Returns whether this call ran it. */
export async function runMigration(repos: Repositories, migration: Migration, opts: MigrationOptions = {}): Promise<boolean> {
  const owner = opts.owner ?? defaultOwner();
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const pollMs = opts.pollMs ?? 1_000;
  const started = Date.now();
  let waited = false;
  for (;;) {
    const now = new Date();
    const claim = await repos.migrations.claim(migration.id, owner, now, new Date(now.getTime() + leaseMs));
    if (claim.state === 'done') {
      if (waited) opts.onEvent?.({ id: migration.id, event: 'waited', ms: Date.now() - started });
      return false;
    }
    if (claim.state === 'running') {
      waited = true;
      await sleep(Math.max(1, Math.min(pollMs, claim.leaseUntil.getTime() - Date.now() + 1)));
      continue;
    }
    const renewal = setInterval(() => {
      repos.migrations.renew(migration.id, owner, new Date(Date.now() + leaseMs)).catch(() => undefined);
    }, Math.max(1, Math.floor(leaseMs / 3)));
    try {
      let result: unknown;
      try {
        result = await migration.run(repos);
      } catch (err) {
        await repos.migrations.release(migration.id, owner).catch(() => undefined);
        throw err;
      }
      await repos.migrations.complete(migration.id, owner, new Date(), result);
      opts.onEvent?.({ id: migration.id, event: 'ran', ms: Date.now() - started, result });
      return true;
    } finally {
      clearInterval(renewal);
    }
  }
}

/** The start-up migrations in order (STARTUP_MIGRATIONS, or those given); the ids of those this call ran. */
export async function runStartupMigrations(repos: Repositories, opts: MigrationOptions = {}, migrations: readonly Migration[] = STARTUP_MIGRATIONS): Promise<string[]> {
  const owner = opts.owner ?? defaultOwner();
  const ran: string[] = [];
  for (const m of migrations) if (await runMigration(repos, m, { ...opts, owner })) ran.push(m.id);
  return ran;
}
