import { usePaneT } from '../core/i18n/I18nProvider';
import type { CustomerOnMail } from '../mail/participants';
import { CustomerCard } from './CustomerCard';
import { Section } from './Section';

export function CustomersSection({ customers }: { customers: readonly CustomerOnMail[] }) {
  const t = usePaneT();
  if (customers.length === 0) return null;
  return (
    <Section title={t('pane.customers.heading')}>
      {customers.map((customer) => (
        <CustomerCard key={customer.organization.id} customer={customer} />
      ))}
    </Section>
  );
}
