/** The pane's forms: one chunk, loaded when the first of them opens (./lazyForms). */
export { AddContactForm } from './AddContactForm';
export { FollowUpForm } from './FollowUpForm';
export { LogActionForm } from './LogActionForm';
export { SendLogPanel } from './SendLogPanel';
