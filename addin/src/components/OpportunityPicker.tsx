/**
 * "Link to an opportunity" when logging a mail or an action (in the forms' chunk, ./forms): the
 * customer's open opportunities, none chosen at first. Nothing shows for a customer without one.
 */
import { Field } from '@fluentui/react-field';
import { Select } from '@fluentui/react-select';
import { usePaneT } from '../core/i18n/I18nProvider';
import { usePaneSales } from '../hooks/usePaneSales';
import { usePaneStageName } from './PaneSales';

export interface OpportunityPickerProps {
  organizationId: string;
  value: string | null;
  onChange(opportunityId: string | null): void;
  disabled?: boolean;
}

export function OpportunityPicker({ organizationId, value, onChange, disabled = false }: OpportunityPickerProps) {
  const t = usePaneT();
  const sales = usePaneSales(organizationId);
  const stageName = usePaneStageName();
  const open = sales.data?.opportunities ?? [];
  if (open.length === 0) return null;
  return (
    <Field label={t('pane.log.opportunity')}>
      <Select value={value ?? ''} disabled={disabled} onChange={(_, d) => onChange(d.value === '' ? null : d.value)}>
        <option value="">{t('pane.log.noOpportunity')}</option>
        {open.map((o) => <option key={o.id} value={o.id}>{`${o.title} (${stageName(o.stage)})`}</option>)}
      </Select>
    </Field>
  );
}
