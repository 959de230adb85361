/** The fixed vocabularies of the domain (DOMAIN.md), as readonly tuples for zod enums. */

export const SEGMENTS = ['A', 'B', 'C', 'P'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const CUSTOMER_GROUPS = ['company', 'public', 'employment_office', 'apprenticeship', 'partner'] as const;
export type CustomerGroup = (typeof CUSTOMER_GROUPS)[number];

/** Finnish names of the customer groups, as the college's other systems write them. */
export const CUSTOMER_GROUP_FINNISH: Readonly<Record<CustomerGroup, string>> = {
  company: 'yritys',
  public: 'julkinen',
  employment_office: 'te-toimisto',
  apprenticeship: 'oppisopimus',
  partner: 'kumppani',
};

/**
 * What an action records. `mailing` is a campaign mail sent to a contact and `feedback` a contact's answer
 * to a survey: both are recorded by the system, never by hand, and neither is two-way contact.
 */
export const ACTION_KINDS = ['email_in', 'email_out', 'call', 'meeting', 'event', 'review', 'offer', 'note', 'mailing', 'feedback'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Actions a user records by hand; mail is logged through its own endpoint. */
export const MANUAL_ACTION_KINDS = ['call', 'meeting', 'event', 'review', 'offer', 'note'] as const;
export type ManualActionKind = (typeof MANUAL_ACTION_KINDS)[number];

/** Two-way contact in the care-plan sense: something the customer took part in. */
export const TWO_WAY_CONTACT_KINDS: readonly ActionKind[] = ['email_in', 'email_out', 'call', 'meeting'];

export const ROLES = ['account_manager', 'admin', 'management'] as const;
export type Role = (typeof ROLES)[number];

export const CARE_PLAN_STATUSES = ['on_track', 'due_soon', 'overdue'] as const;
export type CarePlanStatus = (typeof CARE_PLAN_STATUSES)[number];

/** How a person on a mail is recognised: a customer's contact, a user of the CRM (a colleague), by the customer's mail domain, or not at all. */
export const MATCH_KINDS = ['contact', 'colleague', 'domain', 'none'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** The languages the college works in, and the product speaks: Finnish first (the default), Swedish, English. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
