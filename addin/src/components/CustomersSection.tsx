import { useI18n } from '../i18n/I18nContext';
import type { CustomerOnMail } from '../mail/participants';
import { CustomerCard } from './CustomerCard';
import { Section } from './Section';

export function CustomersSection({ customers }: { customers: readonly CustomerOnMail[] }) {
  const { t } = useI18n();
  if (customers.length === 0) return null;
  return (
    <Section title={t('customers.heading')}>
      {customers.map((customer) => (
        <CustomerCard key={customer.organization.id} customer={customer} />
      ))}
    </Section>
  );
}
