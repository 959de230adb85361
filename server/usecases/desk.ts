/**
 * The account manager's desk (home page): the read model `desks` (repositories/desks.ts) kept
 * right by three writers, and its one reader.
 * - Every new action reaches the desks of its customer's responsible and backup (`recordOnDesks`,
 *   called from ./recordAction).
 * - A single customer's create or change moves its snapshot (`syncCustomerOnDesks`): off the desks of
 *   managers who no longer look after it, fresh onto the current ones.
 * - A planned action (a meeting logged ahead of its time) goes onto the customer's snapshot as planned
 *   (`recordPlannedOnDesks`); the care plan shows it as its rule's `plannedAt` and counts it once its
 *   time has passed, as it does on the customer.
 * - A bulk change (imports, hand-overs, manager assignments, merges, the demo seed) records the customers
 *   it changed and moves the desk epoch (`customersChangedInBulk`); a desk older than the epoch is
 *   brought up to date on its next read from those customers alone (`_id` reads), or, for a change of
 *   any customer (the demo seed) or of more than DESK_REFRESH_LIMIT, from one scan of the customers.
 *   The change records do not pile up (`pruneDeskChanges`, run by the server now and then): those every
 *   desk has applied go, and so do those older than DESK_CHANGES_KEEP_DAYS, a desk older than them
 *   being rebuilt whole on its next read (the repository's floor).
 * The care plan is computed on every read from the snapshot (shared/domain/carePlan), never stored.
 */
import type { Desk, DeskCustomer, DeskDueRule, DeskQuery } from '../../shared/contract-desk';
import { DESK_RECENT_DAYS } from '../../shared/contract-desk';
import type { CarePlanView } from '../../shared/contract';
import type { CarePlanStatus } from '../../shared/domain/codes';
import { zoneOffsetMs } from '../../shared/domain/zonedTime';
import { AppError } from '../errors';
import {
  lastOf, type ActionRecord, type CustomerRecord, type DeskChange, type DeskContent, type DeskCustomerSnapshot, type DeskRecentAction, type DeskRecord, type Repositories,
} from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { actionView } from './views';

type Care = Pick<CustomerRecord, 'responsibleId' | 'backupId'>;

/** Who looks after a customer, each once: the responsible wins when the same person is both. */
function managersOf(c: Care | null): Map<string, 'responsible' | 'backup'> {
  const m = new Map<string, 'responsible' | 'backup'>();
  if (c?.backupId) m.set(c.backupId, 'backup');
  if (c?.responsibleId) m.set(c.responsibleId, 'responsible');
  return m;
}

export function snapshotOf(c: CustomerRecord, role: 'responsible' | 'backup'): DeskCustomerSnapshot {
  return {
    name: c.name, segment: c.segment, customerGroup: c.customerGroup, createdAt: c.createdAt, role,
    lastActionAt: { ...c.lastActionAt }, last: lastOf(c.recentActions),
    planned: c.plannedActions.map((p) => ({ id: p.id, kind: p.kind, occurredAt: p.occurredAt })),
  };
}

/** How the user looks after the customer, if they do. */
const roleOf = (c: Care, userId: string): 'responsible' | 'backup' | undefined => managersOf(c).get(userId);

const copyOf = (a: ActionRecord, organizationName: string): DeskRecentAction => ({ ...a, organizationName });

/** Records actions of one customer (as it is after them) on its managers' desks. */
export async function recordOnDesks(repos: Repositories, customer: CustomerRecord, actions: readonly ActionRecord[]): Promise<void> {
  const mine = actions.filter((a) => a.organizationId === customer.id);
  if (mine.length === 0) return;
  await Promise.all(
    [...managersOf(customer).keys()].map((userId) =>
      repos.desks.recordActions(userId, customer.id, mine, mine.filter((a) => a.loggedBy.id !== userId).map((a) => copyOf(a, customer.name))),
    ),
  );
}

/** Records a planned action of one customer (as it is after it) on its managers' desks. */
export async function recordPlannedOnDesks(repos: Repositories, customer: CustomerRecord, action: ActionRecord): Promise<void> {
  if (action.organizationId !== customer.id) return;
  await Promise.all(
    [...managersOf(customer).keys()].map((userId) => repos.desks.recordPlanned(userId, customer.id, { id: action.id, kind: action.kind, occurredAt: action.occurredAt })),
  );
}

/**
 * After a single customer's create (`before` null) or change: its snapshot off old managers' desks,
 * onto the current ones'. `before` is the customer as the change read it; two changes of the same
 * customer's managers racing each other can leave it on the desk of a manager whom the later one
 * replaced without knowing (until the next epoch rebuild). Every other write is order-independent.
 */
export async function syncCustomerOnDesks(repos: Repositories, before: Care | null, after: CustomerRecord): Promise<void> {
  const now = managersOf(after);
  const gone = [...managersOf(before).keys()].filter((id) => !now.has(id));
  await Promise.all([
    ...gone.map((userId) => repos.desks.removeCustomer(userId, after.id)),
    ...[...now].map(([userId, role]) => repos.desks.putCustomer(userId, after.id, snapshotOf(after, role))),
  ]);
}

/**
 * After a change of many customers at once (after their writes): the customers it changed (and, when
 * known, the users before and after, so that other desks skip it), or 'all'. Each desk applies it on its next read.
 */
export async function customersChangedInBulk(repos: Repositories, change: DeskChange): Promise<void> {
  if (change !== 'all' && change.ids.length === 0) return;
  await repos.desks.bumpEpoch(change);
}

/** How long a bulk change's record is kept for desks not read since (older desks are rebuilt whole). */
export const DESK_CHANGES_KEEP_DAYS = 30;
/** How often the server prunes them (server/main.ts). */
export const DESK_PRUNE_INTERVAL_MS = 6 * 60 * 60_000;

/**
 * Deletes the bulk changes' records no desk needs any more: those every desk has applied, and those
 * older than `keepDays` (desks not read since are rebuilt whole at their next read). Safe on several
 * instances at once (see the desk repository); returns how many records went.
 */
export async function pruneDeskChanges(ctx: { repos: Repositories; now: Date }, keepDays = DESK_CHANGES_KEEP_DAYS): Promise<number> {
  return (await ctx.repos.desks.pruneChanges(new Date(ctx.now.getTime() - keepDays * 86_400_000))).deleted;
}

/** Above this many changed customers, a desk is rebuilt from one scan rather than from `_id` reads. */
export const DESK_REFRESH_LIMIT = 1_000;

/** The desk with the customers named brought up to date from what they are now (`_id` reads). */
async function refreshedContent(repos: Repositories, userId: string, ids: ReadonlySet<string>, current: DeskRecord): Promise<DeskContent> {
  const fresh = new Map((await repos.customers.forDesk([...ids])).map((c) => [c.id, c]));
  const customers = { ...current.customers };
  const recent = new Map(current.recent.map((r) => [r.id, r]));
  for (const id of ids) {
    const c = fresh.get(id);
    const role = c && roleOf(c, userId);
    if (!c || !role) {
      delete customers[id];
      continue;
    }
    customers[id] = snapshotOf(c, role);
    for (const a of c.recentActions) if (a.loggedBy.id !== userId && !recent.has(a.id)) recent.set(a.id, copyOf(a, c.name));
  }
  return { customers, recent: [...recent.values()].filter((r) => customers[r.organizationId]).map((r) => ({ ...r, organizationName: customers[r.organizationId]!.name })) };
}

/**
 * The user's desk as it should be at the global epoch: built when missing, brought up to date when
 * behind, rebuilt whole when older than the floor (the changes it would need may be pruned).
 */
async function upToDateDesk(repos: Repositories, userId: string, at: { epoch: number; floor: number }, stored: DeskRecord | null): Promise<DeskRecord> {
  const { epoch } = at;
  if (stored && stored.epoch >= epoch) return stored;
  const full = () => repos.desks.rebuild(userId, epoch, (current) => deskContentOf(repos, userId, current));
  if (!stored || stored.epoch < 0 || stored.epoch < at.floor) return full();
  const { upTo, changes } = await repos.desks.changesSince(stored.epoch, epoch);
  // A record missing: not written yet, or pruned after the floor was read (then the floor says so now).
  if (upTo < epoch && stored.epoch < (await repos.desks.floor())) return full();
  if (changes.includes('all')) return full();
  const ids = new Set<string>();
  for (const c of changes as Exclude<DeskChange, 'all'>[]) if (!c.users || c.users.includes(userId)) for (const id of c.ids) ids.add(id);
  if (ids.size > DESK_REFRESH_LIMIT) return full();
  if (ids.size === 0) {
    if (upTo > stored.epoch) await repos.desks.markEpoch(userId, upTo);
    return stored;
  }
  return repos.desks.rebuild(userId, upTo, (current) => refreshedContent(repos, userId, ids, current));
}

/** The desk's content from the customers the user looks after, keeping copies it has that are still on them. */
async function deskContentOf(repos: Repositories, userId: string, current: DeskRecord): Promise<DeskContent> {
  const customers = await repos.customers.lookedAfterBy(userId);
  const content: DeskContent = { customers: {}, recent: [] };
  const recent = new Map<string, DeskRecentAction>();
  for (const c of customers) {
    content.customers[c.id] = snapshotOf(c, c.responsibleId === userId ? 'responsible' : 'backup');
    for (const a of c.recentActions) if (a.loggedBy.id !== userId) recent.set(a.id, copyOf(a, c.name));
  }
  for (const r of current.recent) if (content.customers[r.organizationId] && !recent.has(r.id)) recent.set(r.id, { ...r, organizationName: content.customers[r.organizationId]!.name });
  content.recent = [...recent.values()];
  return content;
}

// ---------- the read ----------

const DAY_MS = 86_400_000;
/** The calendar day (days since the epoch) of an instant in a zone. */
const dayIn = (at: Date, timeZone: string) => Math.floor((at.getTime() + zoneOffsetMs(at, timeZone)) / DAY_MS);

const SEVERITY: Record<CarePlanStatus, number> = { overdue: 2, due_soon: 1, on_track: 0 };

function dueRuleOf(plan: CarePlanView | null, now: Date, timeZone: string): DeskDueRule | null {
  if (!plan || plan.rules.length === 0) return null;
  const worst = [...plan.rules].sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status] || a.dueAt.localeCompare(b.dueAt))[0]!;
  return { id: worst.id, label: worst.label, status: worst.status, dueAt: worst.dueAt, daysPastDue: dayIn(now, timeZone) - dayIn(new Date(worst.dueAt), timeZone) };
}

/** Overdue (most days past due first), due soon, on track (soonest due first), then no plan; by name within. */
function deskOrder(a: DeskCustomer, b: DeskCustomer): number {
  const rank = (c: DeskCustomer) => (c.dueRule ? 2 - SEVERITY[c.dueRule.status] : 3);
  return (
    rank(a) - rank(b) ||
    (a.dueRule && b.dueRule ? new Date(a.dueRule.dueAt).getTime() - new Date(b.dueRule.dueAt).getTime() : 0) ||
    a.organization.name.localeCompare(b.organization.name, 'fi') ||
    a.organization.id.localeCompare(b.organization.id)
  );
}

/** The user's open tasks per customer: their list (one `_id` read), then the listed tasks themselves, so stale entries never count. */
async function openTasksByCustomer(repos: Repositories, userId: string): Promise<Map<string, number>> {
  const tasks = await repos.tasks.openTasks(await repos.tasks.openOfAssignee(userId), { assigneeId: userId });
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.organizationId, (counts.get(t.organizationId) ?? 0) + 1);
  return counts;
}

/** The desk of the user, or (admins and management) of a colleague. */
export async function getDesk(ctx: UseCaseContext, query: DeskQuery): Promise<Desk> {
  const { repos, now, settings } = ctx;
  const userId = query.userId ?? ctx.user.id;
  if (userId !== ctx.user.id && ctx.user.role === 'account_manager') {
    throw new AppError('forbidden', 'An account manager sees only their own desk');
  }
  const ref = await repos.reference.get();
  const owner = userId === ctx.user.id ? ctx.user : ref.users.get(userId);
  if (!owner) throw AppError.notFound('The user');

  const [epochs, stored, openTasks] = await Promise.all([repos.desks.epochs(), repos.desks.get(userId), openTasksByCustomer(repos, userId)]);
  const desk = await upToDateDesk(repos, userId, epochs, stored);

  const customers = Object.entries(desk.customers)
    .map(([id, s]): DeskCustomer => {
      const carePlan = carePlanOf({ ...s, plannedActions: s.planned.map((p) => ({ ...p, subject: '' })) }, ref.rules, ctx);
      return {
        organization: { id, name: s.name, segment: s.segment, customerGroup: s.customerGroup },
        role: s.role,
        carePlan,
        dueRule: dueRuleOf(carePlan, now, settings.timeZone),
        lastAction: s.last ? { kind: s.last.kind, occurredAt: s.last.occurredAt.toISOString(), subject: s.last.subject, loggedBy: { ...s.last.loggedBy } } : null,
        openTasks: openTasks.get(id) ?? 0,
      };
    })
    .sort(deskOrder);

  const since = now.getTime() - DESK_RECENT_DAYS * DAY_MS;
  const recent = desk.recent
    .filter((r) => desk.customers[r.organizationId] && r.loggedBy.id !== userId && r.occurredAt.getTime() >= since)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id.localeCompare(a.id))
    .map((r) => ({ ...actionView(r), organizationName: desk.customers[r.organizationId]!.name }));

  return { user: { id: owner.id, name: owner.name }, customers, recent, generatedAt: now.toISOString() };
}
