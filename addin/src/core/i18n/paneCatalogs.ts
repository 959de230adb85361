/**
 * The task pane's catalog set: only the pane's own messages and the code labels (messages/pane/*),
 * so the pane's first load does not carry the web app's text. All three languages are bundled
 * (a few KB gzip): the pane's language is known before the first render and nothing waits for it.
 */
import { withEnglishUnder, type Catalogs } from './catalogs';
import { en } from './messages/pane/en';
import { fi } from './messages/pane/fi';
import { sv } from './messages/pane/sv';

export const PANE_CATALOGS: Catalogs = withEnglishUnder(en, { fi, sv });
