/** The web app's catalog set: the pane's messages and code labels (messages/pane/*) plus the web app's own (messages/app/*). */
import { withEnglishUnder, type Catalogs } from './catalogs';
import { en as appEn } from './messages/app/en';
import { fi as appFi } from './messages/app/fi';
import { sv as appSv } from './messages/app/sv';
import { en as paneEn } from './messages/pane/en';
import { fi as paneFi } from './messages/pane/fi';
import { sv as paneSv } from './messages/pane/sv';

export const APP_CATALOGS: Catalogs = withEnglishUnder({ ...paneEn, ...appEn }, { fi: { ...paneFi, ...appFi }, sv: { ...paneSv, ...appSv } });
