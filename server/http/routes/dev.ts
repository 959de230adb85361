/** POST /dev/token: development sign-in. Mounted only when AUTH_MODE=dev. */
import { Router } from 'express';
import { DevTokenRequestSchema } from '../../../shared/contract';
import type { DevTokenIssuer } from '../../auth/tokens';
import type { Repositories } from '../../usecases/context';
import { devSignIn } from '../../usecases/users';
import { parseInput } from '../validate';

export function devRouter(issuer: DevTokenIssuer, repos: Repositories): Router {
  const router = Router();
  router.post('/token', async (req, res) => {
    const user = await devSignIn(repos, parseInput(DevTokenRequestSchema, req.body));
    res.json({ token: await issuer.sign({ email: user.email, name: user.name }) });
  });
  return router;
}
