/** What a database needs before the app serves from it: the indexes, and the default care plan in an empty one. */
import type { Models } from './models';

export { fillDefaultRuleLabels, seedDefaultCarePlan } from './repositories/carePlanRules';

export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
