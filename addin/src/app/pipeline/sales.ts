/**
 * What the sales pages (the pipeline board, an opportunity, a customer's sales) share: the labels of
 * stages and states, euros in the user's language, the query keys and the reads.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import {
  CLOSED_STAGES, DEFAULT_PIPELINE_STAGES, isClosedStage, PipelineStagesSchema, ProductListSchema, type OfferState, type OpportunityStage, type OrderState,
} from '../../../../shared/contract-sales';
import { formatEuros, type MoneyLanguage } from '../../../../shared/domain/money';
import type { MessageId } from '../../core/i18n/catalogs';
import { useApi } from '../../core/ApiContext';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';

export const offerStateLabel = (state: OfferState): MessageId => `app.sales.offerState.${state}` as MessageId;
export const orderStateLabel = (state: OrderState): MessageId => `app.sales.orderState.${state}` as MessageId;

export const moneyLanguage = (language: string): MoneyLanguage => (language === 'fi' || language === 'sv' ? language : 'en');

/** Cents as euros in the user's language: `1 234,50 €` / `€1,234.50`. */
export function useEuros(): (cents: number) => string {
  const language = moneyLanguage(useLanguage().language);
  return (cents: number) => formatEuros(cents, language);
}

/**
 * Keys: ['pipeline', ownerId] (a board), ['opportunity', id, …] (an opportunity and its offers and
 * actions), ['offer', id, …] (an offer and its order), ['products'] (the catalogue),
 * ['customer', id, 'opportunities'|'sales'] (a customer's, under the customer's key so a
 * change on the customer refreshes them).
 */
export const salesKeys = {
  pipeline: (ownerId: string) => ['pipeline', ownerId] as const,
  pipelines: () => ['pipeline'] as const,
  opportunity: (id: string) => ['opportunity', id] as const,
  opportunityOffers: (id: string) => ['opportunity', id, 'offers'] as const,
  opportunityActions: (id: string) => ['opportunity', id, 'actions'] as const,
  customerOpportunities: (organizationId: string) => ['customer', organizationId, 'opportunities'] as const,
  customerSales: (organizationId: string) => ['customer', organizationId, 'sales'] as const,
  offer: (id: string) => ['offer', id] as const,
  offerOrder: (id: string) => ['offer', id, 'order'] as const,
  products: () => ['products'] as const,
  /** GET /pipeline/stages, under the pipeline's prefix: a sales write refreshes it with the boards. */
  stages: () => ['pipeline', 'stages'] as const,
};

/**
 * The pipeline's stages as administrators name them (`GET /pipeline/stages`; the defaults until it
 * answers): a stage's name in the user's language (won and lost from the catalog), and the
 * stages an opportunity may enter (the active open ones, won and lost, and the one it is in).
 */
export function useStages() {
  const t = useT();
  const { language } = useLanguage();
  const { http } = useApi();
  const query = useQuery({
    queryKey: salesKeys.stages(),
    queryFn: ({ signal }) => http.request({ path: '/pipeline/stages', schema: PipelineStagesSchema, signal }),
    staleTime: 60_000,
  });
  const definitions = query.data?.stages ?? DEFAULT_PIPELINE_STAGES;
  const lang = language === 'fi' || language === 'sv' ? language : 'en';
  return {
    query,
    definitions,
    label: (stage: OpportunityStage): string =>
      isClosedStage(stage) ? t(`app.pipeline.stage.${stage}` as MessageId) : definitions.find((d) => d.key === stage)?.labels[lang] ?? stage,
    choices: (current?: OpportunityStage): OpportunityStage[] => [...definitions.filter((d) => d.active || d.key === current).map((d) => d.key), ...CLOSED_STAGES],
  };
}

/** The catalogue's products (retired ones too, for the names on older lines). */
export function useProducts() {
  const { http } = useApi();
  return useQuery({ queryKey: salesKeys.products(), queryFn: ({ signal }) => http.request({ path: '/products', schema: ProductListSchema, signal }), staleTime: 60_000 });
}

/** After an opportunity changed: every board, its page, its customer's sales. */
export async function invalidateOpportunity(client: QueryClient, o: { id: string; organizationId: string }): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: salesKeys.pipelines() }),
    client.invalidateQueries({ queryKey: salesKeys.opportunity(o.id) }),
    client.invalidateQueries({ queryKey: salesKeys.customerOpportunities(o.organizationId) }),
    client.invalidateQueries({ queryKey: salesKeys.customerSales(o.organizationId) }),
  ]);
}

