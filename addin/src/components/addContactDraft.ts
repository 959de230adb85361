/** The add-contact form's data: prefilled from the mail, checked, and turned into `POST /contacts`. */
import { domainOf, normaliseEmail } from '../../../shared/domain/email';
import { isPublicMailDomain } from '../../../shared/domain/publicDomains';
import type { CustomerGroup } from '../../../shared/domain/codes';
import type { CreateContactRequest } from '../api/client';
import type { FieldProblem } from '../api/errors';
import type { PaneMessageId } from '../core/i18n/catalogs';
import type { LookupOrganization, Participant } from '../mail/participants';

export interface ContactDraft {
  name: string;
  email: string;
  title: string;
  organizationName: string;
  customerGroup: CustomerGroup;
}

export type DraftField = keyof ContactDraft;

/** `maija.meikalainen` → `Maija Meikalainen`, when Outlook knows no display name. */
function nameFromAddress(email: string): string {
  return email
    .slice(0, email.indexOf('@'))
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

export function initialDraft(participant: Participant): ContactDraft {
  const shown = participant.displayName;
  const domain = domainOf(participant.email);
  return {
    name: shown && !shown.includes('@') ? shown : nameFromAddress(participant.email),
    email: participant.email,
    title: '',
    organizationName: isPublicMailDomain(domain) ? '' : domain,
    customerGroup: 'company',
  };
}

/** Problems as message keys, per field; empty when the draft can be sent. */
export function draftProblems(draft: ContactDraft, underExisting: boolean): Partial<Record<DraftField, PaneMessageId>> {
  const problems: Partial<Record<DraftField, PaneMessageId>> = {};
  if (!draft.name.trim()) problems.name = 'pane.addContact.required';
  if (!normaliseEmail(draft.email)) problems.email = 'pane.addContact.invalidEmail';
  if (!underExisting && !draft.organizationName.trim()) problems.organizationName = 'pane.addContact.required';
  return problems;
}

/** Under `organization` (the domain's customer, or one the user found), else under a new potential customer. */
export function contactRequest(draft: ContactDraft, organization: Pick<LookupOrganization, 'id'> | undefined): CreateContactRequest {
  const email = normaliseEmail(draft.email) ?? draft.email.trim();
  const domain = domainOf(email);
  const title = draft.title.trim();
  return {
    name: draft.name.trim(),
    emails: [email],
    ...(title ? { title } : {}),
    ...(organization
      ? { organizationId: organization.id }
      : {
        newOrganization: {
          name: draft.organizationName.trim(),
          customerGroup: draft.customerGroup,
          ...(isPublicMailDomain(domain) ? {} : { emailDomains: [domain] }),
        },
      }),
  };
}

/** Maps the server's field paths (`name`, `emails.0`, `newOrganization.name`) onto the form's fields. */
export function fieldOf(problem: FieldProblem): DraftField | null {
  const path = problem.path;
  if (path === 'name') return 'name';
  if (path.startsWith('emails')) return 'email';
  if (path === 'title') return 'title';
  if (path.startsWith('newOrganization.name')) return 'organizationName';
  if (path.startsWith('newOrganization.customerGroup')) return 'customerGroup';
  return null;
}
