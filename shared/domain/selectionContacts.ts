/**
 * Whether a contact meets a selection's contact criteria (pure): its title holds the text, compared
 * without regard to case and accents (both folded as search text is, shared/domain/searchText), and
 * it carries the classification or one under it. A selection without contact criteria is over
 * customers: every contact of its customers is its contact.
 */
import { foldText } from './searchText';

export interface ContactCriteria {
  contactTitle?: string;
  contactClassification?: string;
}

export function hasContactCriteria(c: ContactCriteria): boolean {
  return c.contactTitle !== undefined || c.contactClassification !== undefined;
}

/** Folded, with runs of white space as one space: `HR-  Päällikkö` → `hr- paallikko`. */
const foldTitle = (text: string) => foldText(text).replace(/\s+/gu, ' ').trim();

/**
 * A test of contacts against the criteria. `classificationIds` is the criterion's classification and
 * every one under it (the hierarchy is the caller's reference data).
 */
export function contactMatcher(c: ContactCriteria, classificationIds: readonly string[] = []): (contact: { title: string | null; classificationIds: readonly string[] }) => boolean {
  const title = c.contactTitle !== undefined ? foldTitle(c.contactTitle) : undefined;
  const classes = c.contactClassification !== undefined ? new Set([c.contactClassification, ...classificationIds]) : undefined;
  return (contact) => {
    if (title !== undefined && !(contact.title !== null && foldTitle(contact.title).includes(title))) return false;
    if (classes !== undefined && !contact.classificationIds.some((id) => classes.has(id))) return false;
    return true;
  };
}
