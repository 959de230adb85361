/**
 * The task pane's named API calls, over the shared `request()` (./request.ts): bearer token,
 * one retry with a fresh token after a 401, every failure an `ApiError`, each answer validated
 * against the shared contract, so components and hooks get typed, trusted data.
 */
import { ConversationMatchResponseSchema, type ConversationMatch, type ConversationMatchResponse, type StopTracking } from '../../../shared/contract-conversations';
import type { z } from 'zod';
import {
  ActionSchema, ContactSchema, CreateContactSchema, LogEmailResponseSchema, LogMeetingResponseSchema, LookupResponseSchema, OrganizationListPageSchema, UserSchema,
  type Action, type Contact, type CreateAction, type LogEmailRequest, type LogEmailResponse, type LogMeetingRequest, type LogMeetingResponse, type LookupResponse, type User,
} from '../../../shared/contract';
import {
  CompleteTaskResponseSchema, TaskPageSchema, TaskSchema,
  type CompleteTaskResponse, type CreateTask, type Task, type TaskPage,
} from '../../../shared/contract-tasks';
import {
  SendLogViewSchema, type RegisterSendLog, type SendLogMatch, type SendLogSent, type SendLogView,
} from '../../../shared/contract-sending';
import { accountTokenSource, type TokenSource } from '../core/tokens';
import { createHttp, type Http } from './request';

export type CreateContactRequest = z.input<typeof CreateContactSchema>;

export interface LookupQuery {
  emails: readonly string[];
  messageId?: string | null;
  /** A meeting's key (shared/domain/meetingKey) and this mailbox's item id, instead of a Message-ID. */
  meetingKey?: string | null;
  itemId?: string | null;
}

export interface ApiClient {
  /** The signed-in person (`GET /me`): the pane offers only what their role may do. */
  me(signal?: AbortSignal): Promise<User>;
  lookup(query: LookupQuery, signal?: AbortSignal): Promise<LookupResponse>;
  /** Idempotent on the server: the same message and customer never make a second action. */
  logEmail(request: LogEmailRequest, signal?: AbortSignal): Promise<LogEmailResponse>;
  /** A calendar meeting as a `meeting` action (`POST /actions/meeting`): one action per meeting and customer for the whole team. */
  logMeeting(request: LogMeetingRequest, signal?: AbortSignal): Promise<LogMeetingResponse>;
  createContact(request: CreateContactRequest, signal?: AbortSignal): Promise<Contact>;
  /** A call, note, review… logged by hand (`POST /actions`). */
  createAction(request: CreateAction, signal?: AbortSignal): Promise<Action>;
  /** Customers by name or business ID (`GET /organizations?q=`), a short page for a picker. */
  searchCustomers(q: string, signal?: AbortSignal): Promise<z.infer<typeof OrganizationListPageSchema>>;
  /** A customer's open follow-up tasks. */
  openTasks(organizationId: string, signal?: AbortSignal): Promise<TaskPage>;
  createTask(request: CreateTask, signal?: AbortSignal): Promise<Task>;
  completeTask(taskId: string, signal?: AbortSignal): Promise<CompleteTaskResponse>;
  /** Log when sent: the draft's send log (`token` is the one in its header). */
  sendLog(token: string, signal?: AbortSignal): Promise<SendLogView>;
  registerSendLog(token: string, request: RegisterSendLog, signal?: AbortSignal): Promise<SendLogView>;
  cancelSendLog(token: string, signal?: AbortSignal): Promise<void>;
  /** The sent mail, opened: links (or, without a send event, logs) its send log. */
  matchSentMail(token: string, request: SendLogMatch, signal?: AbortSignal): Promise<SendLogView>;
  /** The tracked conversations a mail belongs to (by its conversation id or the mails it refers to). */
  matchConversation(request: ConversationMatch, signal?: AbortSignal): Promise<ConversationMatchResponse>;
  /** Later mails of the conversation are no longer logged on the customer. */
  stopTracking(request: StopTracking, signal?: AbortSignal): Promise<void>;
}

/** The on-send handler's one call (the event runtime's client, ../events). */
export interface SendReporter {
  reportSent(token: string, request: SendLogSent, signal?: AbortSignal): Promise<SendLogView>;
}

const sendLogPath = (token: string) => `/send-logs/${encodeURIComponent(token)}`;

export function sendReporterCalls(http: Http): SendReporter {
  return {
    reportSent(token, body, signal) {
      return http.request({ method: 'POST', path: `${sendLogPath(token)}/sent`, body, signal, schema: SendLogViewSchema });
    },
  };
}

/** How many customers the pane's customer search shows. */
export const PANE_SEARCH_PAGE_SIZE = 8;

export type ApiClientDeps =
  | { fetchFn?: typeof fetch; baseUrl?: string; tokens: TokenSource }
  | { fetchFn?: typeof fetch; baseUrl?: string; getToken: () => Promise<string>; clearToken: () => void };

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const tokens = 'tokens' in deps ? deps.tokens : accountTokenSource(deps);
  return paneCalls(createHttp({ tokens, fetchFn: deps.fetchFn, baseUrl: deps.baseUrl }));
}

export function paneCalls(http: Http): ApiClient {
  return {
    me(signal) {
      return http.request({ path: '/me', signal, schema: UserSchema });
    },
    lookup({ emails, messageId, meetingKey, itemId }, signal) {
      return http.request({ path: '/lookup', query: { email: emails, messageId, meetingKey, itemId }, signal, schema: LookupResponseSchema });
    },
    logMeeting(body, signal) {
      return http.request({ method: 'POST', path: '/actions/meeting', body, signal, schema: LogMeetingResponseSchema });
    },
    logEmail(body, signal) {
      return http.request({ method: 'POST', path: '/actions/email', body, signal, schema: LogEmailResponseSchema });
    },
    createContact(body, signal) {
      return http.request({ method: 'POST', path: '/contacts', body, signal, schema: ContactSchema });
    },
    createAction(body, signal) {
      return http.request({ method: 'POST', path: '/actions', body, signal, schema: ActionSchema });
    },
    searchCustomers(q, signal) {
      return http.request({ path: '/organizations', query: { q, pageSize: PANE_SEARCH_PAGE_SIZE }, signal, schema: OrganizationListPageSchema });
    },
    openTasks(organizationId, signal) {
      return http.request({ path: '/tasks', query: { organizationId, status: 'open' }, signal, schema: TaskPageSchema });
    },
    createTask(body, signal) {
      return http.request({ method: 'POST', path: '/tasks', body, signal, schema: TaskSchema });
    },
    sendLog(token, signal) {
      return http.request({ path: sendLogPath(token), signal, schema: SendLogViewSchema });
    },
    registerSendLog(token, body, signal) {
      return http.request({ method: 'PUT', path: sendLogPath(token), body, signal, schema: SendLogViewSchema });
    },
    cancelSendLog(token, signal) {
      return http.request({ method: 'DELETE', path: sendLogPath(token), signal, schema: null });
    },
    matchSentMail(token, body, signal) {
      return http.request({ method: 'POST', path: `${sendLogPath(token)}/match`, body, signal, schema: SendLogViewSchema });
    },
    matchConversation(body, signal) {
      return http.request({ method: 'POST', path: '/conversations/match', body, signal, schema: ConversationMatchResponseSchema });
    },
    stopTracking(body, signal) {
      return http.request({ method: 'POST', path: '/conversations/stop', body, signal, schema: null });
    },
    completeTask(taskId, signal) {
      return http.request({ method: 'POST', path: `/tasks/${encodeURIComponent(taskId)}/complete`, body: {}, signal, schema: CompleteTaskResponseSchema });
    },
  };
}
