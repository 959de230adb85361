/** The pane's forms and its sales parts: one chunk, loaded when the first of them opens (./lazyForms). */
export { AddContactForm } from './AddContactForm';
export { FollowUpForm } from './FollowUpForm';
export { LogActionForm } from './LogActionForm';
export { ComposePanel } from './ComposePanel';
export { OpportunityPicker } from './OpportunityPicker';
export { PaneSales } from './PaneSales';
export { PaneFeedbackScore, SurveyLink } from './PaneFeedback';
