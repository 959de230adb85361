/** POST /dev/token: development sign-in. Mounted only when AUTH_MODE=dev. */
import { Router } from 'express';
import { DevTokenRequestSchema } from '../../../shared/contract';
import type { DevTokenIssuer } from '../../auth/tokens';
import type { Models } from '../../persistence/models';
import { findOrCreateUser } from '../../usecases/users';
import { parseInput } from '../validate';

export function devRouter(issuer: DevTokenIssuer, models: Models): Router {
  const router = Router();
  router.post('/token', async (req, res) => {
    const input = parseInput(DevTokenRequestSchema, req.body);
    const name = input.name ?? input.email.split('@')[0]!;
    const user = await findOrCreateUser(models, { authSubject: `dev:${input.email}`, email: input.email, name, role: input.role ?? 'account_manager' });
    if (input.role && user.role !== input.role) await models.User.updateOne({ _id: user._id }, { $set: { role: input.role } });
    res.json({ token: await issuer.sign({ email: user.email, name: user.name }) });
  });
  return router;
}
