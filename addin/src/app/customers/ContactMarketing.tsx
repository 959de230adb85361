/**
 * A contact's language and marketing consent in words ("Markkinointiviestit: kielletty"), and the
 * dialog in which those who may change the contact set them: the language mailings reach the
 * contact in (`PATCH /contacts/:id`), the consent and the bounce mark (`PUT /contacts/:id/marketing`).
 */
import { Button, Checkbox, Field, Radio, RadioGroup, Select, Text } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ContactSchema, type Contact } from '../../../../shared/contract';
import { MARKETING_CONSENTS, type MarketingConsent } from '../../../../shared/contract-campaigns';
import { LANGUAGES, type Language } from '../../../../shared/domain/codes';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppDialog } from '../common/AppDialog';
import { useCampaignWords } from '../campaigns/campaignText';
import { useCustomerStyles } from './customers.styles';
import { FormBody } from './CustomerDialogs';

/** "Language: Finnish · Marketing mail: refused · The address bounces" */
export function ContactMarketingLine({ contact: c }: { contact: Contact }) {
  const t = useT();
  const w = useCampaignWords();
  const parts = [
    t('app.contact.languageLine', { language: w.language(c.language) }),
    t('app.contact.consentLine', { consent: w.consent(c.marketingConsent) }),
    ...(c.bouncedAt ? [t('app.contact.bounced')] : []),
  ];
  return <Text size={200} data-testid="contact-marketing">{parts.join(' · ')}</Text>;
}

export function ContactMarketingDialog({ open, onOpenChange, contact }: { open: boolean; onOpenChange: (open: boolean) => void; contact: Contact }) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><MarketingForm contact={contact} onOpenChange={onOpenChange} /></AppDialog>;
}

function MarketingForm({ contact: c, onOpenChange }: { contact: Contact; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const s = useCustomerStyles();
  const w = useCampaignWords();
  const { http } = useApi();
  const client = useQueryClient();
  const [language, setLanguage] = useState<Language>(c.language ?? 'fi');
  const [consent, setConsent] = useState<MarketingConsent>(c.marketingConsent);
  const [bounced, setBounced] = useState(!!c.bouncedAt);
  const save = useMutation({
    mutationFn: async () => {
      if (language !== (c.language ?? 'fi')) {
        await http.request({ method: 'PATCH', path: `/contacts/${encodeURIComponent(c.id)}`, body: { language }, schema: ContactSchema });
      }
      const change = { ...(consent !== c.marketingConsent ? { consent } : {}), ...(bounced !== !!c.bouncedAt ? { bounced } : {}) };
      if (Object.keys(change).length > 0) {
        await http.request({ method: 'PUT', path: `/contacts/${encodeURIComponent(c.id)}/marketing`, body: change, schema: ContactSchema });
      }
    },
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['customer', c.organizationId] }), client.invalidateQueries({ queryKey: ['contact', c.id] })]);
      onOpenChange(false);
    },
  });
  return (
    <FormBody onOpenChange={onOpenChange} title={t('app.contact.marketingTitle', { name: c.name })} submitLabel={t('app.cust.save')}
      pending={save.isPending} error={save.error} onSubmit={() => save.mutate()}>
      <Field label={t('app.contact.language')} hint={t('app.contact.languageHint')}>
        <Select value={language} onChange={(_, d) => setLanguage(d.value as Language)}>
          {LANGUAGES.map((l) => <option key={l} value={l}>{w.language(l)}</option>)}
        </Select>
      </Field>
      <Field label={t('app.contact.consent')}>
        <RadioGroup value={consent} onChange={(_, d) => setConsent(d.value as MarketingConsent)}>
          {MARKETING_CONSENTS.map((x) => <Radio key={x} value={x} label={w.consent(x)} />)}
        </RadioGroup>
      </Field>
      <Checkbox label={t('app.contact.bouncedCheck')} checked={bounced} onChange={(_, d) => setBounced(d.checked === true)} />
      <Text size={200} className={s.muted}>{t('app.contact.marketingHint')}</Text>
    </FormBody>
  );
}

/** The button that opens the dialog, named by the contact. */
export function ContactMarketingButton({ contact, onClick }: { contact: Contact; onClick: () => void }) {
  const t = useT();
  return <Button size="small" aria-label={t('app.contact.marketingOf', { name: contact.name })} onClick={onClick}>{t('app.contact.marketingButton')}</Button>;
}
