/** /api/v1/users: who may use Asiakkuus and in which role (rights in ../permissions). */
import { Router } from 'express';
import { z } from 'zod';
import { IdSchema, ProvisionUserSchema, UpdateUserSchema, UserListQuerySchema } from '../../../shared/contract';
import type { Models } from '../../persistence/models';
import { listUsers, provisionUser, updateUser } from '../../usecases/userAdmin';
import { parseInput } from '../validate';

const IdParams = z.strictObject({ id: IdSchema });

export function usersRouter(models: Models): Router {
  const router = Router();
  router.get('/users', async (req, res) => {
    res.json(await listUsers(models, parseInput(UserListQuerySchema, req.query, 'query')));
  });
  router.post('/users', async (req, res) => {
    res.status(201).json(await provisionUser(models, parseInput(ProvisionUserSchema, req.body)));
  });
  router.patch('/users/:id', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'params');
    res.json(await updateUser(models, id, parseInput(UpdateUserSchema, req.body)));
  });
  return router;
}
