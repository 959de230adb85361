/**
 * The desk's sales reminders (`GET /sales/attention`): my sent offers that run out within two
 * weeks, soonest first, and my open opportunities whose expected close has passed, each linking
 * to its page, so that neither goes quiet unnoticed.
 */
import { Text, Title2, Title3 } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { EXPIRING_OFFER_DAYS, SalesAttentionSchema } from '../../../../shared/contract-sales';
import { offerPath, opportunityPath, pipelinePath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { useFormats } from '../common/format';
import { useEuros } from '../pipeline/sales';
import { LoadProblem } from './AccountManagerDesk';
import { useDeskStyles } from './desk.styles';

export function SalesReminders() {
  const t = useT();
  const s = useDeskStyles();
  const fmt = useFormats();
  const euros = useEuros();
  const { http } = useApi();
  const attention = useQuery({
    queryKey: ['pipeline', 'attention'],
    queryFn: ({ signal }) => http.request({ path: '/sales/attention', schema: SalesAttentionSchema, signal }),
  });
  const data = attention.data;
  return (
    <section className={s.section} aria-labelledby="desk-sales">
      <Title2 as="h2" id="desk-sales">{t('app.desk.sales')}</Title2>
      {attention.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {attention.error && <LoadProblem error={attention.error} onRetry={() => void attention.refetch()} />}
      {data && (
        <div className={s.grid}>
          <div className={s.section}>
            <Title3 as="h3" id="desk-expiring">{t('app.desk.expiringOffers', { days: EXPIRING_OFFER_DAYS })}</Title3>
            {data.expiringOffers.length === 0 ? <Text>{t('app.desk.noExpiringOffers')}</Text> : (
              <ul className={s.recent} aria-labelledby="desk-expiring">
                {data.expiringOffers.map((o) => (
                  <li key={o.id} className={s.recentItem}>
                    <AppLink href={offerPath(o.id)}>{t('app.sales.offerLink', { number: o.number })}</AppLink>
                    {' · '}{o.organizationName}{' · '}{euros(o.totals.gross)}
                    <br /><Text size={200} className={s.muted}>{t('app.offer.validUntilDay', { day: fmt.day(o.validUntil) })}</Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className={s.section}>
            <Title3 as="h3" id="desk-overdue">{t('app.desk.overdueOpportunities')}</Title3>
            {data.overdueOpportunities.length === 0 ? <Text>{t('app.desk.noOverdueOpportunities')}</Text> : (
              <ul className={s.recent} aria-labelledby="desk-overdue">
                {data.overdueOpportunities.map((o) => (
                  <li key={o.id} className={s.recentItem}>
                    <AppLink href={opportunityPath(o.id)}>{o.title}</AppLink>{' · '}{o.organizationName}
                    <br /><Text size={200} className={s.muted}>{t('app.desk.expectedCloseWas', { day: fmt.day(o.expectedCloseOn!) })}</Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <AppLink href={pipelinePath()}>{t('app.desk.toPipeline')}</AppLink>
    </section>
  );
}
