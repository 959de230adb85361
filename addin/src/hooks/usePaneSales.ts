/**
 * A customer's open sales in the pane (the forms' chunk only: its schemas stay out of the first
 * load): the open opportunities (`GET /opportunities?organizationId=`) and the offers still in
 * play, drafts and sent ones (`GET /organizations/:id/sales`), asked together as one query per
 * customer; the stages' names (`GET /pipeline/stages`), once for every card; and
 * an offer's PDF as base64 for Attach offer.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { CustomerSalesSchema, isClosedStage, PipelineSchema, PipelineStagesSchema, type Offer, type Opportunity, type StageDefinition } from '../../../shared/contract-sales';
import type { Http } from '../api/request';
import { useApi } from '../core/ApiContext';

export interface PaneSales {
  opportunities: Opportunity[];
  /** Drafts and sent offers (not expired), newest first. */
  offers: Offer[];
}

export const paneSalesKey = (organizationId: string) => ['pane', 'sales', organizationId] as const;

async function paneSales(http: Http, organizationId: string, signal: AbortSignal): Promise<PaneSales> {
  const [pipeline, sales] = await Promise.all([
    http.request({ path: '/opportunities', query: { organizationId }, schema: PipelineSchema, signal }),
    http.request({ path: `/organizations/${encodeURIComponent(organizationId)}/sales`, schema: CustomerSalesSchema, signal }),
  ]);
  return {
    opportunities: pipeline.items.filter((o) => !isClosedStage(o.stage)),
    offers: sales.offers.filter((o) => o.state === 'draft' || o.state === 'sent'),
  };
}

const salesQuery = (http: Http, organizationId: string) => ({
  queryKey: paneSalesKey(organizationId),
  queryFn: ({ signal }: { signal: AbortSignal }) => paneSales(http, organizationId, signal),
  retry: false,
  staleTime: 60_000,
});

export function usePaneSales(organizationId: string) {
  const { http } = useApi();
  return useQuery(salesQuery(http, organizationId));
}

/** The open stages as administrators name them: one read for all the cards and pickers. */
export function usePaneStages(): readonly StageDefinition[] {
  const { http } = useApi();
  return useQuery({
    queryKey: ['pane', 'stages'] as const,
    queryFn: ({ signal }) => http.request({ path: '/pipeline/stages', schema: PipelineStagesSchema, signal }).then((r) => r.stages),
    retry: false,
    staleTime: 5 * 60_000,
  }).data ?? [];
}

/** The sales of several customers (the recipients' in compose), each its own cached query. */
export function usePaneSalesOf(organizationIds: readonly string[]) {
  const { http } = useApi();
  return useQueries({ queries: organizationIds.map((id) => salesQuery(http, id)) });
}

/** The offer's PDF as base64 (what `addFileAttachmentFromBase64Async` takes). */
export async function offerPdfBase64(http: Http, offerId: string): Promise<string> {
  const blob = await http.download({ path: `/offers/${encodeURIComponent(offerId)}/pdf` });
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The PDF could not be read'));
    reader.readAsDataURL(blob);
  });
  return dataUrl.slice(dataUrl.indexOf(',') + 1); // data:application/pdf;base64,<base64>
}
