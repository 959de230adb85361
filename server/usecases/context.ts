import type { Models, UserDoc } from '../persistence/models';

/** What every use case gets: the persistence models, who is acting, and the clock. */
export interface UseCaseContext {
  models: Models;
  user: UserDoc;
  now: Date;
  settings: UseCaseSettings;
}

export interface UseCaseSettings {
  /** Logged mail keeps at most this many characters of the body. */
  excerptMaxLength: number;
  /** The zone care-plan days are counted in. */
  timeZone: string;
}
