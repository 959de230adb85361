/** Choose a customer by typing part of its name (`GET /organizations?q=`): a Fluent combobox. */
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../../core/i18n/I18nProvider';
import { useCustomerSearch } from '../common/queries';

export interface CustomerRef {
  id: string;
  name: string;
}

export function CustomerPicker({ value, onChange, validationMessage }: { value: CustomerRef | null; onChange: (customer: CustomerRef | null) => void; validationMessage?: string | undefined }) {
  const t = useT();
  const [text, setText] = useState(value?.name ?? '');
  const search = useCustomerSearch(text === value?.name ? '' : text);
  const found = search.data ?? [];
  const hint = text.trim().length < 2 ? t('app.task.customerHint') : search.isFetching ? t('app.loading') : t('app.task.customerFound', { count: found.length });
  return (
    <Field label={t('app.task.customer')} required hint={hint} validationMessage={validationMessage} validationState={validationMessage ? 'error' : 'none'}>
      <Combobox
        freeform
        value={text}
        selectedOptions={value ? [value.id] : []}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          if (value) onChange(null);
        }}
        onOptionSelect={(_, d) => {
          const picked = found.find((o) => o.id === d.optionValue) ?? (value && value.id === d.optionValue ? value : null);
          onChange(picked ? { id: picked.id, name: picked.name } : null);
          if (picked) setText(picked.name);
        }}
      >
        {found.map((o) => <Option key={o.id} value={o.id} text={o.name}>{o.name}</Option>)}
      </Combobox>
    </Field>
  );
}
