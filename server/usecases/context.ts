import type { Letterhead } from '../documents/offerPdf';
import type { Repositories, UserRecord } from '../persistence/repositories';

export type { Repositories };

/** The signed-in person a request acts for. */
export type Actor = UserRecord;

/** What every use case gets: the repositories, who is acting, and the clock. */
export interface UseCaseContext {
  repos: Repositories;
  user: Actor;
  now: Date;
  settings: UseCaseSettings;
}

export interface UseCaseSettings {
  /** Logged mail keeps at most this many characters of the body. */
  excerptMaxLength: number;
  /** The zone care-plan days are counted in. */
  timeZone: string;
  /** The college's letterhead on offers (a default when not configured). */
  letterhead?: Letterhead;
}
