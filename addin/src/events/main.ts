/**
 * The event runtime's entry point (commands.html → events/events.js; the manifest names both):
 * binds the on-send handler at load, as Outlook expects, and composes what it needs — the same
 * account module as the pane (the dev token for the Outlook user, or Entra ID through nested app
 * authentication; no sign-in dialog can open during a send, so a sign-in that needs the user
 * leaves the log pending) and the one call of the API client it makes.
 */
import { sendReporterCalls } from '../api/client';
import { browserFetch, createHttp } from '../api/request';
import { outlookAccount } from '../auth/outlookAccount';
import { officeSendEventHost } from '../office/outlookHost';
import { handleSend } from './onSend';

const host = officeSendEventHost();
const reporter = sendReporterCalls(createHttp({ tokens: outlookAccount(host), fetchFn: browserFetch }));

host.onMessageSend((event) => handleSend(event, { reporter }).then(() => undefined));
