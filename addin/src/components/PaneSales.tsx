/**
 * The customer's open sales on its card (in the forms' chunk, ./forms): open opportunities with
 * their stage and value, and offers still in play (drafts and sent ones, with their validity),
 * each a link to its page in the web app.
 */
import { Link, Text } from './fluent';
import { useId } from 'react';
import type { Offer, Opportunity } from '../../../shared/contract-sales';
import { formatEuros } from '../../../shared/domain/money';
import { offerUrl, opportunityUrl } from '../../../shared/links';
import { useDates } from '../core/i18n/dates';
import { useLanguage, usePaneT } from '../core/i18n/I18nProvider';
import type { PaneMessageId } from '../core/i18n/messages/pane/en';
import { usePaneSales, usePaneStages } from '../hooks/usePaneSales';
import { errorText } from './errorText';
import { usePaneFormStyles } from './PaneForm.styles';

/** An open stage's name in the pane's language, as administrators named it. */
export function usePaneStageName(): (stage: Opportunity['stage']) => string {
  const { language } = useLanguage();
  const stages = usePaneStages();
  const lang = language === 'fi' || language === 'sv' ? language : 'en';
  return (stage) => stages.find((s) => s.key === stage)?.labels[lang] ?? stage;
}
export const paneOfferStateLabel = (state: Offer['state']) => `pane.sales.state.${state}` as PaneMessageId;

/** Euros in the pane's language. */
export function usePaneEuros(): (cents: number) => string {
  const { language } = useLanguage();
  const money = language === 'fi' || language === 'sv' ? language : 'en';
  return (cents) => formatEuros(cents, money);
}

export function PaneSales({ organizationId }: { organizationId: string }) {
  const t = usePaneT();
  const styles = usePaneFormStyles();
  const { date } = useDates();
  const euros = usePaneEuros();
  const stageName = usePaneStageName();
  const sales = usePaneSales(organizationId);
  const headingId = useId();
  const origin = window.location.origin;
  // while loading, nothing: the section appears with its content, without a spinner on every card
  if (sales.isPending) return null;
  return (
    <div>
      <h4 id={headingId} className={styles.subheading}>{t('pane.sales.heading')}</h4>
      {sales.isError ? <Text>{t('pane.sales.failed', { message: errorText(t, sales.error) })}</Text>
        : sales.data.opportunities.length + sales.data.offers.length === 0 ? <Text>{t('pane.sales.none')}</Text>
          : (
            <ul className={styles.tasks} aria-labelledby={headingId}>
              {sales.data.opportunities.map((o) => (
                <li key={o.id} className={styles.task}>
                  <Link href={opportunityUrl(origin, o.id)} target="_blank" rel="noopener noreferrer">
                    {t('pane.sales.opportunity', { title: o.title, stage: stageName(o.stage), value: euros(o.estimatedValueCents) })}
                  </Link>
                </li>
              ))}
              {sales.data.offers.map((o) => (
                <li key={o.id} className={styles.task}>
                  <span className={styles.taskText}>
                    <Link href={offerUrl(origin, o.id)} target="_blank" rel="noopener noreferrer">
                      {t('pane.sales.offer', { number: o.number, state: t(paneOfferStateLabel(o.state)), value: euros(o.totals.gross) })}
                    </Link>
                    <Text className={styles.secondary}>{t('pane.sales.validUntil', { date: date(`${o.validUntil}T12:00:00Z`) })}</Text>
                  </span>
                </li>
              ))}
            </ul>
          )}
    </div>
  );
}
