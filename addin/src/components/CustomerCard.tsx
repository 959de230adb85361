import { Link } from './fluent';
import { useId } from 'react';
import { customerUrl } from '../../../shared/links';
import type { PersonRef } from '../../../shared/contract';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { usePaneT } from '../core/i18n/I18nProvider';
import type { CustomerOnMail } from '../mail/participants';
import { CarePlanView } from './CarePlanView';
import { CustomerWork } from './CustomerWork';
import { FormSlot, PaneFeedbackScore, PaneSales } from './lazyForms';
import { RecentActions } from './RecentActions';
import { SegmentBadge } from './SegmentBadge';
import { useCustomerCardStyles } from './CustomerCard.styles';

/** One customer on the mail: who looks after it, its care-plan status, its latest actions, open sales and follow-ups, and what I can do for it here. */
export function CustomerCard({ customer }: { customer: CustomerOnMail }) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const styles = useCustomerCardStyles();
  const headingId = useId();
  const { organization, carePlan, recentActions } = customer;
  const person = (ref: PersonRef | null) => ref?.name ?? t('pane.customer.notSet');
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h3 id={headingId} className={styles.name}>{organization.name}</h3>
        <SegmentBadge segment={organization.segment} />
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>{t('pane.customer.group')}</dt>
        <dd className={styles.detail}>{labels.customerGroup(organization.customerGroup)}</dd>
        <dt className={styles.term}>{t('pane.customer.responsible')}</dt>
        <dd className={styles.detail}>{person(organization.responsible)}</dd>
        <dt className={styles.term}>{t('pane.customer.backup')}</dt>
        <dd className={styles.detail}>{person(organization.backup)}</dd>
        {organization.classifications.length > 0 && (
          <>
            <dt className={styles.term}>{t('pane.customer.classifications')}</dt>
            <dd className={styles.detail}>{organization.classifications.map((c) => c.name).join(', ')}</dd>
          </>
        )}
      </dl>
      {carePlan !== undefined && <CarePlanView carePlan={carePlan} />}
      <FormSlot quiet><PaneFeedbackScore organizationId={organization.id} /></FormSlot>
      <RecentActions actions={recentActions} />
      <FormSlot quiet><PaneSales organizationId={organization.id} /></FormSlot>
      <CustomerWork customer={customer} />
      {/* the web app is served from the add-in's own origin; target=_blank opens the browser from Outlook */}
      <Link className={styles.open} href={customerUrl(window.location.origin, organization.id)} target="_blank" rel="noopener noreferrer">
        {t('pane.customer.openInBrowser')}
      </Link>
    </section>
  );
}
