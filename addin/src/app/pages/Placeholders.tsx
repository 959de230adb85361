/** Pages still to be built: a heading and a "coming" line in the user's language. */
import { Text } from '@fluentui/react-components';
import { useParams } from 'wouter';
import { useT } from '../../core/i18n/I18nProvider';
import type { MessageId } from '../../core/i18n/catalogs';
import { Page } from '../Page';

export function ComingPage({ title }: { title: MessageId }) {
  const t = useT();
  return <Page title={t(title)}><Text>{t('app.coming')}</Text></Page>;
}

/** A page about one thing (`/customers/:id`): says which one, so a deep link is visibly kept. */
export function ComingItemPage({ title }: { title: MessageId }) {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  return (
    <Page title={t(title)}>
      <Text data-testid="item-id">{t('app.comingFor', { id })}</Text>
    </Page>
  );
}
