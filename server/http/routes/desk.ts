/** The account manager's desk (home page): their customers by care-plan urgency, and colleagues' recent actions on them. */
import { DeskQuerySchema } from '../../../shared/contract-desk';
import { getDesk } from '../../usecases/desk';
import { EVERYONE, route, type RouteDeclaration } from '../route';

export const DESK_ROUTES: readonly RouteDeclaration[] = [
  route({
    // Management and admins may name a colleague with `?userId=`; an account manager only themselves (403 from the use case).
    method: 'GET', path: '/desk', resource: 'desk', access: EVERYONE, query: DeskQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await getDesk(ctx, query)),
  }),
];
