/** The sales pages' tables: opportunities, offers (each linking to its page) and orders, in the user's language. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { Offer, Opportunity, Order } from '../../../../shared/contract-sales';
import { offerPath, opportunityPath } from '../../../../shared/links';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { useFormats } from '../common/format';
import { offerStateLabel, orderStateLabel, useEuros, useStages } from './sales';

export function OpportunityTable({ opportunities, className }: { opportunities: readonly Opportunity[]; className?: string }) {
  const t = useT();
  const fmt = useFormats();
  const euros = useEuros();
  const stages = useStages();
  return (
    <Table size="small" className={className} aria-label={t('app.sales.opportunitiesTable')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('app.pipeline.title')}</TableHeaderCell>
          <TableHeaderCell>{t('app.pipeline.stage')}</TableHeaderCell>
          <TableHeaderCell>{t('app.opportunity.value')}</TableHeaderCell>
          <TableHeaderCell>{t('app.opportunity.expectedClose')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {opportunities.map((o) => (
          <TableRow key={o.id}>
            <TableCell><AppLink href={opportunityPath(o.id)}>{o.title}</AppLink></TableCell>
            <TableCell>{stages.label(o.stage)}</TableCell>
            <TableCell>{euros(o.estimatedValueCents)}</TableCell>
            <TableCell>{o.expectedCloseOn ? fmt.day(o.expectedCloseOn) : t('app.pipeline.noClose')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function OfferTable({ offers, className }: { offers: readonly Offer[]; className?: string }) {
  const t = useT();
  const fmt = useFormats();
  const euros = useEuros();
  return (
    <Table size="small" className={className} aria-label={t('app.sales.offersTable')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('app.sales.offerNumber')}</TableHeaderCell>
          <TableHeaderCell>{t('app.sales.state')}</TableHeaderCell>
          <TableHeaderCell>{t('app.sales.total')}</TableHeaderCell>
          <TableHeaderCell>{t('app.sales.validUntil')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {offers.map((offer) => (
          <TableRow key={offer.id}>
            <TableCell><AppLink href={offerPath(offer.id)}>{t('app.sales.offerLink', { number: offer.number })}</AppLink></TableCell>
            <TableCell>{t(offerStateLabel(offer.state))}</TableCell>
            <TableCell>{euros(offer.totals.gross)}</TableCell>
            <TableCell>{fmt.day(offer.validUntil)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function OrderTable({ orders, className }: { orders: readonly Order[]; className?: string }) {
  const t = useT();
  const euros = useEuros();
  return (
    <Table size="small" className={className} aria-label={t('app.sales.ordersTable')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('app.sales.orderNumber')}</TableHeaderCell>
          <TableHeaderCell>{t('app.sales.state')}</TableHeaderCell>
          <TableHeaderCell>{t('app.sales.total')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((order) => (
          <TableRow key={order.id}>
            <TableCell>{order.number}</TableCell>
            <TableCell>{t(orderStateLabel(order.state))}</TableCell>
            <TableCell>{euros(order.totals.gross)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
