import type { OutboxMessage } from '../../shared/contract-campaigns';
import type { PublicTokens } from '../auth/publicTokens';
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
  /** Signs the links of mailings and survey invitations (made at start from the shared secret: ../compose). */
  publicTokens?: PublicTokens;
  /** Where the public pages are reached from outside, e.g. https://crm.example.fi (links in mailings). */
  publicUrl?: string;
  /** How mailings go out; absent: no relay is configured (production without SMTP_URL), and mailings are refused. */
  mail?: MailSettings;
}

export interface MailSettings {
  /** The From of mailings, e.g. "Koulutuskeskus <asiakkuus@example.fi>". */
  from: string;
  /** Tells this instance's sender that a mailing is due now (it would find it at its next look anyway). */
  wake?: () => void;
  /** Development only: what the local SMTP sink received, newest first (the development outbox). */
  outbox?: () => OutboxMessage[];
}
