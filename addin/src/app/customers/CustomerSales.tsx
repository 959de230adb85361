/**
 * A customer's page's "Sales": its opportunities (`GET /opportunities?organizationId=`), the offers
 * of those and the orders made of them (`GET /organizations/:id/sales`), each opportunity and offer
 * linking to its page; "Add opportunity" opens the pipeline's form on this customer.
 */
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { User } from '../../../../shared/contract';
import { CustomerSalesSchema, PipelineSchema } from '../../../../shared/contract-sales';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { useDialog } from '../common/useDialog';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { NewOpportunityDialog } from '../pipeline/NewOpportunity';
import { salesKeys } from '../pipeline/sales';
import { OfferTable, OpportunityTable, OrderTable } from '../pipeline/SalesTables';
import { Section } from './CustomerPage';
import { useCustomerStyles } from './customers.styles';

export function CustomerSales({ me, customer }: { me: User; customer: { id: string; name: string } }) {
  const t = useT();
  const s = useCustomerStyles();
  const { http } = useApi();
  const addDialog = useDialog();
  const opportunities = useQuery({
    queryKey: salesKeys.customerOpportunities(customer.id),
    queryFn: ({ signal }) => http.request({ path: '/opportunities', query: { organizationId: customer.id }, schema: PipelineSchema, signal }),
  });
  const sales = useQuery({
    queryKey: salesKeys.customerSales(customer.id),
    queryFn: ({ signal }) => http.request({ path: `/organizations/${encodeURIComponent(customer.id)}/sales`, schema: CustomerSalesSchema, signal }),
  });
  const writer = me.role !== 'management';
  const opportunityList = opportunities.data?.items ?? [];
  return (
    <Section id="sales" title={t('app.sales.heading')} actions={writer && <Button onClick={() => addDialog.show()}>{t('app.pipeline.add')}</Button>}>
      <div data-testid="customer-sales" className={s.section}>
        <Text as="h3" id="sales-opportunities" size={400} weight="semibold" className={s.subheading}>{t('app.sales.opportunities')}</Text>
        {opportunities.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
        {opportunities.error && <LoadProblem error={opportunities.error} onRetry={() => void opportunities.refetch()} />}
        {opportunities.data && opportunityList.length === 0 && <Text>{t('app.sales.noOpportunities')}</Text>}
        {opportunityList.length > 0 && (
          <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="sales-opportunities">
            <OpportunityTable opportunities={opportunityList} className={s.planTable} />
          </div>
        )}

        <Text as="h3" id="sales-offers" size={400} weight="semibold" className={s.subheading}>{t('app.sales.offers')}</Text>
        {sales.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
        {sales.error && <LoadProblem error={sales.error} onRetry={() => void sales.refetch()} />}
        {sales.data && sales.data.offers.length === 0 && <Text>{t('app.sales.noOffers')}</Text>}
        {sales.data && sales.data.offers.length > 0 && (
          <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="sales-offers">
            <OfferTable offers={sales.data.offers} className={s.planTable} />
          </div>
        )}

        <Text as="h3" id="sales-orders" size={400} weight="semibold" className={s.subheading}>{t('app.sales.orders')}</Text>
        {sales.data && sales.data.orders.length === 0 && <Text>{t('app.sales.noOrders')}</Text>}
        {sales.data && sales.data.orders.length > 0 && (
          <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="sales-orders">
            <OrderTable orders={sales.data.orders} className={s.planTable} />
          </div>
        )}
      </div>
      {writer && <NewOpportunityDialog customer={customer} {...addDialog.props} onAdded={() => undefined} />}
    </Section>
  );
}
