/**
 * Feedback in the pane (in the forms' chunk, ./forms, so its schemas stay out of the first load):
 * the customer's newest survey score on its card ("NPS 9 · 3.12."), and on a contact's card "Copy
 * survey link": pick an open survey, the server makes the contact's invitation (once, whoever asks)
 * and the link is copied to paste into the mail, and shown in case the clipboard is not allowed.
 */
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { Select } from '@fluentui/react-select';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { InvitationLinkResultSchema, LatestFeedbackSchema, SurveyListSchema } from '../../../shared/contract-feedback-views';
import { useApi } from '../core/ApiContext';
import { useLanguage, usePaneT } from '../core/i18n/I18nProvider';
import { feedbackEn, feedbackFi, feedbackSv, type FeedbackMessageId } from '../core/i18n/messages/pane/feedback';
import { useMayAct } from '../hooks/useCustomerWork';
import { errorText } from './errorText';
import { Button, Text } from './fluent';
import { usePaneFormStyles } from './PaneForm.styles';

const FEEDBACK_MESSAGES = { en: feedbackEn, fi: feedbackFi, sv: feedbackSv };

/** The pane's catalog with this chunk's messages laid over it. */
function WithFeedbackMessages({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { language } = useLanguage();
  const messages = useMemo(() => ({ ...intl.messages, ...FEEDBACK_MESSAGES[language] }) as typeof intl.messages, [intl.messages, language]);
  return <IntlProvider locale={intl.locale} defaultLocale="en" timeZone={intl.timeZone} messages={messages}>{children}</IntlProvider>;
}

function useFeedbackT(): (id: FeedbackMessageId, values?: Record<string, string | number>) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}

/** "NPS 9 · 3 Dec" under the customer's care plan; nothing before its first answer. */
export function PaneFeedbackScore({ organizationId }: { organizationId: string }) {
  return <WithFeedbackMessages><FeedbackScore organizationId={organizationId} /></WithFeedbackMessages>;
}

/** "Copy survey link" on a contact's card (not for management, who changes nothing). */
export function SurveyLink({ contactId }: { contactId: string }) {
  return <WithFeedbackMessages><SurveyLinkControl contactId={contactId} /></WithFeedbackMessages>;
}

function FeedbackScore({ organizationId }: { organizationId: string }) {
  const t = useFeedbackT();
  const intl = useIntl();
  const { http } = useApi();
  const latest = useQuery({
    queryKey: ['pane', 'feedback', organizationId],
    queryFn: ({ signal }) => http.request({ path: `/organizations/${encodeURIComponent(organizationId)}/feedback`, schema: LatestFeedbackSchema, signal }),
    retry: false,
    staleTime: 60_000,
  });
  const l = latest.data?.latest;
  if (!l) return null;
  const date = intl.formatDate(new Date(l.answeredAt), { day: 'numeric', month: 'short' });
  return <Text data-testid="pane-feedback" title={l.surveyName}>{t('pane.feedback.latest', { type: l.type, score: l.score ?? '–', date })}</Text>;
}

function SurveyLinkControl({ contactId }: { contactId: string }) {
  const t = useFeedbackT();
  const paneT = usePaneT();
  const styles = usePaneFormStyles();
  const mayAct = useMayAct();
  const { http } = useApi();
  const [open, setOpen] = useState(false);
  const [surveyId, setSurveyId] = useState('');
  const [copied, setCopied] = useState<boolean | null>(null);
  const surveys = useQuery({
    queryKey: ['pane', 'surveys'],
    queryFn: ({ signal }) => http.request({ path: '/surveys', schema: SurveyListSchema, signal }).then((r) => r.items.filter((s) => s.status === 'open')),
    enabled: open,
    retry: false,
    staleTime: 60_000,
  });
  const link = useMutation({
    mutationFn: (id: string) => http.request({ method: 'POST', path: `/surveys/${encodeURIComponent(id)}/link`, body: { contactId }, schema: InvitationLinkResultSchema }),
    onSuccess: async (r) => {
      try {
        await navigator.clipboard.writeText(r.url);
        setCopied(true);
      } catch {
        setCopied(false);
      }
    },
  });
  if (!mayAct) return null;
  if (!open) return <Button size="small" onClick={() => setOpen(true)}>{t('pane.feedback.copyLink')}</Button>;
  const list = surveys.data ?? [];
  const chosen = surveyId || list[0]?.id || '';
  return (
    <div className={styles.form}>
      {surveys.isPending ? null : surveys.isError ? <Text role="alert">{t('pane.feedback.failed', { message: errorText(paneT, surveys.error) })}</Text>
        : list.length === 0 ? <Text>{t('pane.feedback.none')}</Text> : (
          <>
            <Field label={t('pane.feedback.survey')}>
              <Select value={chosen} onChange={(_, d) => { setSurveyId(d.value); link.reset(); setCopied(null); }}>
                {list.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </Select>
            </Field>
            <Button size="small" appearance="primary" disabled={link.isPending} onClick={() => link.mutate(chosen)}>{t('pane.feedback.copyLink')}</Button>
          </>
        )}
      <div role="status">
        {link.isError && <Text>{t('pane.feedback.failed', { message: errorText(paneT, link.error) })}</Text>}
        {link.data && copied !== null && (
          <Field label={copied ? t('pane.feedback.copied') : t('pane.feedback.copyThis')}>
            <Input readOnly value={link.data.url} onFocus={(e) => e.currentTarget.select()} data-testid="survey-link" />
          </Field>
        )}
      </div>
    </div>
  );
}
