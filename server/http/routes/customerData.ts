/** All routers of customer-data administration, mounted at /api/v1 behind the API gate. */
import { Router } from 'express';
import type { Models } from '../../persistence/models';
import type { UseCaseSettings } from '../../usecases/context';
import { administrationRouter } from './administration';
import { exportsRouter } from './exports';
import { importsRouter } from './imports';

export function customerDataRouter(models: Models, settings: UseCaseSettings, clock?: () => Date): Router {
  const router = Router();
  router.use(importsRouter(models, settings, clock));
  router.use(exportsRouter(models, settings, clock));
  router.use(administrationRouter(models, settings, clock));
  return router;
}
