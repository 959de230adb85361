/**
 * The pane in compose, for a draft to customers (in the forms' chunk, ./forms): "Log when sent"
 * and "Attach offer", over one send log, so that an attached offer is marked sent when the mail
 * is sent. Attaching needs Mailbox 1.8 (`addFileAttachmentFromBase64Async`); elsewhere the pane
 * links each offer's page, where its PDF downloads, and says to attach it by hand.
 */
import { Button, Link, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Offer } from '../../../shared/contract-sales';
import { offerFileName } from '../../../shared/domain/offerFileName';
import { offerUrl } from '../../../shared/links';
import { useApi } from '../core/ApiContext';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { offerPdfBase64, usePaneSalesOf } from '../hooks/usePaneSales';
import { useSendLog, type SendLogState } from '../hooks/useSendLog';
import type { CustomerOnMail } from '../mail/participants';
import { useHost } from '../office/HostContext';
import { errorText } from './errorText';
import { paneOfferStateLabel, usePaneEuros } from './PaneSales';
import { usePaneFormStyles } from './PaneForm.styles';
import { Section } from './Section';
import { SendLogPanel } from './SendLogPanel';

export function ComposePanel({ customers }: { customers: readonly CustomerOnMail[] }) {
  const t = usePaneT();
  const ids = customers.map((c) => c.organization.id);
  const send = useSendLog(ids);
  const sales = usePaneSalesOf(ids);
  const offers = sales.flatMap((q) => q.data?.offers ?? []);
  const locked = new Set(offers.filter((o) => send.offerIds.includes(o.id)).map((o) => o.organizationId));
  return (
    <>
      <Section title={t('pane.log.heading')}>
        {send.support.headers ? <SendLogPanel customers={customers} send={send} locked={locked} /> : <Text>{t('pane.send.unavailable')}</Text>}
      </Section>
      <Section title={t('pane.offer.heading')}>
        {sales.some((q) => q.isPending) ? <Spinner size="tiny" label={t('pane.loading')} />
          : sales.some((q) => q.isError) ? <Text>{t('pane.sales.failed', { message: errorText(t, sales.find((q) => q.isError)!.error) })}</Text>
            : offers.length === 0 ? <Text>{t('pane.offer.none')}</Text>
              : <AttachOffers offers={offers} send={send} withCustomer={customers.length > 1} />}
      </Section>
    </>
  );
}

function AttachOffers({ offers, send, withCustomer }: { offers: readonly Offer[]; send: SendLogState; withCustomer: boolean }) {
  const t = usePaneT();
  const styles = usePaneFormStyles();
  const host = useHost();
  const { http } = useApi();
  const { date } = useDates();
  const euros = usePaneEuros();
  const [attachedHere, setAttachedHere] = useState<readonly Offer[]>([]);
  const canAttach = host.features().attachFromBase64 && send.support.headers;
  const attach = useMutation({
    mutationFn: async (offer: Offer) => {
      await host.attachFile(offerFileName(offer), await offerPdfBase64(http, offer.id));
      // the file is on the draft: a failure to add it to the log shows in "Log when sent"
      await send.addOffer(offer.id, offer.organizationId).catch(() => undefined);
      return offer;
    },
    onSuccess: (offer) => setAttachedHere((list) => [...list, offer]),
  });
  const last = attachedHere[attachedHere.length - 1];
  const isAttached = (o: Offer) => send.offerIds.includes(o.id) || attachedHere.some((a) => a.id === o.id);
  return (
    <>
      {!canAttach && <Text>{t('pane.offer.unavailable')}</Text>}
      <ul className={styles.tasks}>
        {offers.map((o) => {
          const label = t('pane.sales.offer', { number: o.number, state: t(paneOfferStateLabel(o.state)), value: euros(o.totals.gross) });
          return (
            <li key={o.id} className={styles.task}>
              <span className={styles.taskText}>
                {canAttach ? <Text>{label}</Text> : <Link href={offerUrl(window.location.origin, o.id)} target="_blank" rel="noopener noreferrer">{label}</Link>}
                <Text className={styles.secondary}>
                  {withCustomer ? `${o.organizationName} · ` : ''}{t('pane.sales.validUntil', { date: date(`${o.validUntil}T12:00:00Z`) })}
                </Text>
              </span>
              {canAttach && (
                <Button
                  size="small"
                  aria-label={t('pane.offer.attachLabel', { number: o.number, organization: o.organizationName })}
                  disabledFocusable={attach.isPending || send.busy || isAttached(o)}
                  icon={attach.isPending && attach.variables?.id === o.id ? <Spinner size="tiny" /> : undefined}
                  onClick={() => attach.mutate(o)}
                >
                  {attach.isPending && attach.variables?.id === o.id ? t('pane.offer.attaching') : isAttached(o) ? t('pane.offer.isAttached') : t('pane.offer.attach')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <div role="status">
        {last && !send.on && !send.busy ? <Text>{t('pane.offer.notMarked')}</Text>
          : last && <Text>{t(last.state === 'draft' ? 'pane.offer.attached' : 'pane.offer.attachedSent', { number: last.number })}</Text>}
      </div>
      {attach.isError && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.offer.failed', { message: errorText(t, attach.error) })}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
