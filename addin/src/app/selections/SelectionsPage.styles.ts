import { makeStyles } from '@fluentui/react-components';

/** The selection pages' own layout, beside the customer pages' shared styles (../customers/customers.styles). */
export const useSelectionStyles = makeStyles({
  /** The contact criteria's row: the title field's hint must not push the fields beside it down. */
  topAligned: { alignItems: 'start' },
  /** The contacts table scrolls in its wrapper on a narrow screen rather than letting its six columns overlap. */
  contactsTable: { minWidth: '760px' },
  /** A long address wraps inside its cell instead of running into the next column. */
  address: { overflowWrap: 'anywhere' },
});
