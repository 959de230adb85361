/**
 * Who may use a route, as its declaration (./route) says, in two steps:
 * - `accessFor`, before any input is read: a role without an entry in the route's `access`
 *   gets 403 (fail closed), whatever it sent;
 * - `authorizeInput`, after validation: the entry's condition (`own_customer`, `own_contact`,
 *   `potential_customer`, `own_task`, `own_send_log`, `own_opportunity`, `own_offer`, `own_order`, `own_selection`, `own_campaign`, `own_mailing`), judged on the validated input only.
 */
import { AppError } from '../errors';
import type { Actor } from '../usecases/context';
import {
  campaignCareVerdict, contactCareVerdict, customerCareVerdict, mailingCareVerdict, offerCareVerdict, opportunityCareVerdict, orderCareVerdict, selectionCareVerdict, taskCareVerdict, type Verdict,
} from '../usecases/access';
import type { UseCaseContext } from '../usecases/context';
import { sendLogVerdict } from '../usecases/sendLogs';
import type { Access, RouteInput, RouteRule } from './route';

const fieldOf = (value: unknown, field: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;

type Check = (ctx: UseCaseContext, input: RouteInput) => Promise<Verdict>;

const CHECKS: Record<Exclude<Access, 'allow'>, { check: Check; refusal: string }> = {
  own_customer: {
    check: (ctx, input) => customerCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the customer’s responsible person, its backup or an administrator can change this customer',
  },
  own_contact: {
    check: (ctx, input) => contactCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id'), fieldOf(input.body, 'organizationId')),
    refusal: 'Only the responsible person or backup of the contact’s customer, or an administrator, can change this contact',
  },
  own_task: {
    check: (ctx, input) => taskCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the task’s assignee or creator, the responsible person or backup of its customer, or an administrator can change this task',
  },
  own_opportunity: {
    check: (ctx, input) => opportunityCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the opportunity’s owner, the responsible person or backup of its customer, or an administrator can change this opportunity',
  },
  own_offer: {
    check: (ctx, input) => offerCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the owner of the offer’s opportunity, the responsible person or backup of its customer, or an administrator can change this offer',
  },
  own_order: {
    check: (ctx, input) => orderCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the owner of the order’s opportunity, the responsible person or backup of its customer, or an administrator can change this order',
  },
  own_selection: {
    check: (ctx, input) => selectionCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the selection’s owner or an administrator can change this selection',
  },
  own_campaign: {
    check: (ctx, input) => campaignCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the campaign’s owner or an administrator can change this campaign',
  },
  own_mailing: {
    check: (ctx, input) => mailingCareVerdict(ctx.repos, ctx.user, fieldOf(input.params, 'id')),
    refusal: 'Only the owner of the mailing’s campaign or an administrator can change this mailing',
  },
  own_send_log: {
    check: (ctx, input) => sendLogVerdict(ctx, fieldOf(input.params, 'token')),
    refusal: 'Only the person who writes the mail (or an administrator) can use its send log',
  },
  potential_customer: {
    check: async (_ctx, input) => {
      const segment = fieldOf(input.body, 'segment');
      return segment === undefined || segment === 'P' ? 'allowed' : 'denied';
    },
    refusal: 'Account managers can add potential customers (segment P); an administrator sets other segments',
  },
};

/** The user's role's entry in the route's access, or a 403 when it has none. */
export function accessFor(rule: Pick<RouteRule, 'method' | 'path' | 'access'>, user: Pick<Actor, 'role'>): Access {
  const access = rule.access[user.role];
  if (!access) throw new AppError('forbidden', `Your role (${user.role}) does not allow ${rule.method} ${rule.path}`);
  return access;
}

/** Refuses (403) a request whose validated input fails the condition of the role's entry. */
export async function authorizeInput(access: Access, ctx: UseCaseContext, input: RouteInput): Promise<void> {
  if (access === 'allow') return;
  const { check, refusal } = CHECKS[access];
  if ((await check(ctx, input)) === 'denied') throw new AppError('forbidden', refusal);
}
