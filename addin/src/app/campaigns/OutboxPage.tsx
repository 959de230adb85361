/**
 * `/outbox`: the development outbox, what the local SMTP sink received (development without
 * SMTP_URL), newest first. Each message opens to its text (links clickable, the unsubscribe link
 * among them) and its headers (List-Unsubscribe shown). Elsewhere mail goes to the relay.
 */
import { Link as FluentLink, Table, TableBody, TableCell, TableRow, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { OutboxMessage } from '../../../../shared/contract-campaigns';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { useCustomerStyles } from '../customers/customers.styles';
import { Page } from '../Page';
import { useOutbox } from './campaignApi';
import { useCampaignStyles } from './campaigns.styles';

const LINK = /https?:\/\/[^\s<>"]+/g;

/** The text with its web addresses as links (the text itself stays text). */
function withLinks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const at = m.index ?? 0;
    out.push(text.slice(last, at));
    out.push(<FluentLink key={at} href={m[0]} inline>{m[0]}</FluentLink>);
    last = at + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

export function OutboxPage() {
  const t = useT();
  const s = useCustomerStyles();
  const outbox = useOutbox({ poll: true });
  const data = outbox.data;
  return (
    <Page title={t('app.page.outbox')}>
      {outbox.error && <Text role="alert" className={s.error}>{problemSentence(t, outbox.error)}</Text>}
      {!data && !outbox.error && <Text role="status">{t('app.loading')}</Text>}
      {data && !data.enabled && <Text>{t('app.outbox.disabled')}</Text>}
      {data?.enabled && (
        <>
          <Text>{t('app.outbox.intro')}</Text>
          <Text role="status">{t('app.outbox.count', { count: data.total, shown: data.items.length })}</Text>
          {data.items.length > 0 && (
            <ul className={s.list} data-testid="outbox">
              {data.items.map((m) => <li key={m.id}><OutboxEntry message={m} /></li>)}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}

function OutboxEntry({ message: m }: { message: OutboxMessage }) {
  const t = useT();
  const s = useCustomerStyles();
  const c = useCampaignStyles();
  const fmt = useFormats();
  return (
    <details className={c.message}>
      <summary className={c.summary}>
        <Text weight="semibold">{m.subject || t('app.mailing.noSubject')}</Text>
        <Text>{t('app.outbox.to', { to: m.to.join(', ') })}</Text>
        <Text className={s.muted}>{fmt.dateTime(m.receivedAt)}</Text>
      </summary>
      <Text as="h3" weight="semibold">{t('app.outbox.text')}</Text>
      <pre className={c.mailText}>{withLinks(m.text)}</pre>
      <Text as="h3" weight="semibold">{t('app.outbox.headers')}</Text>
      <div className={s.tableWrap}>
        <Table size="small" aria-label={t('app.outbox.headersOf', { subject: m.subject })}>
          <TableBody>
            {Object.entries(m.headers).map(([k, v]) => (
              <TableRow key={k}>
                <TableCell className={c.headerName}><code>{k}</code></TableCell>
                <TableCell className={s.excerpt}>{v}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </details>
  );
}
