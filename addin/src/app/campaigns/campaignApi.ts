/**
 * The reads and writes of the campaign pages (campaigns, mailings, recipients, the development
 * outbox) over the one API client, each answer checked with its contract schema. Query keys start
 * with `['campaigns']`, `['mailing', id]` or `['outbox']`, so a write invalidates what it changed.
 */
import { useQuery } from '@tanstack/react-query';
import {
  CampaignListSchema, CampaignResultsSchema, CampaignSchema, MailingAudienceSchema, MailingSchema, OutboxSchema, RecipientPageSchema,
  type CreateCampaign, type CreateMailing, type RecipientState, type UpdateCampaign, type UpdateMailing,
} from '../../../../shared/contract-campaigns';
import type { Http } from '../../api/request';
import { useApi } from '../../core/ApiContext';

const seg = encodeURIComponent;

export const campaignKeys = {
  all: () => ['campaigns'] as const,
  one: (id: string) => ['campaigns', id] as const,
  audience: (id: string) => ['campaigns', id, 'audience'] as const,
  mailing: (id: string) => ['mailing', id] as const,
  recipients: (id: string, state: RecipientState | '', page: number) => ['mailing', id, 'recipients', state, page] as const,
  outbox: () => ['outbox'] as const,
};

export const RECIPIENT_PAGE_SIZE = 50;

export function campaignCalls(http: Http) {
  const { request } = http;
  return {
    list: (signal?: AbortSignal) => request({ path: '/campaigns', schema: CampaignListSchema, signal }),
    create: (body: CreateCampaign) => request({ method: 'POST', path: '/campaigns', body, schema: CampaignSchema }),
    results: (id: string, signal?: AbortSignal) => request({ path: `/campaigns/${seg(id)}`, schema: CampaignResultsSchema, signal }),
    update: (id: string, body: UpdateCampaign) => request({ method: 'PATCH', path: `/campaigns/${seg(id)}`, body, schema: CampaignSchema }),
    audience: (id: string, signal?: AbortSignal) => request({ path: `/campaigns/${seg(id)}/audience`, schema: MailingAudienceSchema, signal }),
    createMailing: (campaignId: string, body: CreateMailing) => request({ method: 'POST', path: `/campaigns/${seg(campaignId)}/mailings`, body, schema: MailingSchema }),
    mailing: (id: string, signal?: AbortSignal) => request({ path: `/mailings/${seg(id)}`, schema: MailingSchema, signal }),
    updateMailing: (id: string, body: UpdateMailing) => request({ method: 'PATCH', path: `/mailings/${seg(id)}`, body, schema: MailingSchema }),
    send: (id: string, body: { version: number; expectedCustomers: number; at?: string }) =>
      request({ method: 'POST', path: `/mailings/${seg(id)}/send`, body, schema: MailingSchema }),
    cancel: (id: string, version: number) => request({ method: 'POST', path: `/mailings/${seg(id)}/cancel`, body: { version }, schema: MailingSchema }),
    recipients: (id: string, state: RecipientState | '', page: number, signal?: AbortSignal) =>
      request({ path: `/mailings/${seg(id)}/recipients`, query: { state: state || undefined, page, pageSize: RECIPIENT_PAGE_SIZE }, schema: RecipientPageSchema, signal }),
    outbox: (signal?: AbortSignal) => request({ path: '/dev/outbox', schema: OutboxSchema, signal }),
  };
}

export function useCampaignCalls() {
  const { http } = useApi();
  return campaignCalls(http);
}

/** The development outbox (what the local SMTP sink received); `enabled: false` where mail goes to a relay. */
export function useOutbox(options: { poll?: boolean } = {}) {
  const calls = useCampaignCalls();
  return useQuery({
    queryKey: campaignKeys.outbox(), staleTime: options.poll ? 0 : 300_000, retry: false,
    refetchInterval: options.poll ? 5_000 : false,
    queryFn: ({ signal }) => calls.outbox(signal),
  });
}
