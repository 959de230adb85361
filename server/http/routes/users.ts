/** Who is signed in, and who may use Asiakkuus in which role (administrators; management reads). */
import { z } from 'zod';
import { IdSchema, ProvisionUserSchema, UpdateUserSchema, UserListQuerySchema } from '../../../shared/contract';
import { listUsers, provisionUser, updateUser } from '../../usecases/userAdmin';
import { me } from '../../usecases/users';
import { ADMINS, EVERYONE, READERS, route, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });

export const USER_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/me', resource: 'user', access: EVERYONE,
    handler: ({ ctx, res }) => res.json(me(ctx.user)),
  }),
  route({
    method: 'GET', path: '/users', resource: 'user', access: READERS, query: UserListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listUsers(ctx.repos, query)),
  }),
  route({
    method: 'POST', path: '/users', resource: 'user', access: ADMINS, body: ProvisionUserSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await provisionUser(ctx.repos, body)),
  }),
  route({
    method: 'PATCH', path: '/users/:id', resource: 'user', access: ADMINS, params: IdParams, body: UpdateUserSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateUser(ctx.repos, params.id, body)),
  }),
];
