/**
 * The one place where an HTTP request becomes a use case's context: every route handler gets
 * the context built here (see ./route), so a change to what use cases receive is made here only.
 */
import type { Request } from 'express';
import type { Repositories, UseCaseContext, UseCaseSettings } from '../usecases/context';

/** What createApp hands the API routes to build contexts from. */
export interface ContextDeps {
  repos: Repositories;
  settings: UseCaseSettings;
  clock?: () => Date;
}

/** The context of a signed-in request (the API gate has set `req.user`). */
export function contextOf(req: Request, deps: ContextDeps): UseCaseContext {
  return { repos: deps.repos, user: req.user!, now: deps.clock ? deps.clock() : new Date(), settings: deps.settings };
}
