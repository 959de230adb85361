/**
 * A mailing's texts: subject and body per language in tabs (Finnish required; Swedish and English
 * when written, else those recipients get the Finnish), the merge fields to insert with what each
 * one becomes, and a live preview for a sample contact (shared/domain/mailMerge's `fillText`, as the
 * sender fills it). A feedback survey can go with the mailing: each recipient then gets their own
 * link as `{{surveyLink}}`, which every written body must hold (the server refuses it otherwise, shown
 * at the body); the editor offers to add it. Read-only once the mailing has left the draft state.
 */
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Select, Tab, TabList, Text, Textarea } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/contract';
import type { CreateMailing } from '../../../../shared/contract-campaigns';
import { LANGUAGES, type Language } from '../../../../shared/domain/codes';
import { fillSubject, fillText, MERGE_FIELDS, nameParts, unknownMergeFields, type MergeValues } from '../../../../shared/domain/mailMerge';
import { ApiError } from '../../api/errors';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useCustomerStyles } from '../customers/customers.styles';
import { useSurveys } from '../surveys/surveyApi';
import { useSurveyStyles } from '../surveys/surveys.styles';
import { campaignFieldProblem, useCampaignWords } from './campaignText';
import { useCampaignStyles } from './campaigns.styles';

export interface MailingTexts {
  subject: { fi: string; sv?: string | undefined; en?: string | undefined };
  body: { fi: string; sv?: string | undefined; en?: string | undefined };
  surveyId?: string | null | undefined;
}

type Draft = Record<Language, { subject: string; body: string }>;

const draftOf = (x: MailingTexts): Draft => ({
  fi: { subject: x.subject.fi, body: x.body.fi },
  sv: { subject: x.subject.sv ?? '', body: x.body.sv ?? '' },
  en: { subject: x.subject.en ?? '', body: x.body.en ?? '' },
});

/** The texts to send: Finnish always, another language only when written; the survey chosen, or none. */
function textsOf(d: Draft, surveyId: string): CreateMailing {
  const pick = (k: 'subject' | 'body') => ({
    fi: d.fi[k], ...(d.sv[k].trim() ? { sv: d.sv[k] } : {}), ...(d.en[k].trim() ? { en: d.en[k] } : {}),
  });
  return { subject: pick('subject'), body: pick('body'), surveyId: surveyId || null };
}

const SURVEY_LINK = /\{\{\s*surveyLink\s*\}\}/;

/** The languages whose body is sent (Finnish always, the others when written) but lacks `{{surveyLink}}`. */
const withoutSurveyLink = (d: Draft): Language[] => LANGUAGES.filter((l) => (l === 'fi' || d[l].subject.trim() || d[l].body.trim()) && !SURVEY_LINK.test(d[l].body));

/** The mailing's survey: none, or one of the open surveys (a closed one stays listed while it is the one chosen). */
function SurveyPicker({ value, onChange, readOnly, problem }: { value: string; onChange: (id: string) => void; readOnly: boolean; problem: string | undefined }) {
  const t = useT();
  const ss = useSurveyStyles();
  const surveys = useSurveys();
  const items = (surveys.data?.items ?? []).filter((x) => x.status === 'open' || x.id === value);
  const chosen = items.find((x) => x.id === value);
  return (
    <Field label={t('app.mailing.survey')} hint={t('app.mailing.surveyHint', { field: '{{surveyLink}}' })} validationMessage={problem ?? (surveys.error ? t('app.mailing.surveysFailed') : undefined)}>
      <Select className={ss.select} value={value} disabled={readOnly} onChange={(_, d) => onChange(d.value)} data-testid="mailing-survey">
        <option value="">{t('app.mailing.noSurvey')}</option>
        {value && !chosen && <option value={value}>{t('app.loading')}</option>}
        {items.map((x) => <option key={x.id} value={x.id}>{x.status === 'open' ? x.name : t('app.mailing.surveyClosedOption', { name: x.name })}</option>)}
      </Select>
    </Field>
  );
}

export function MailingEditor({ me, initial, readOnly = false, submitLabel, pending = false, error, onSubmit, onCancel }: {
  me: Pick<User, 'name'>; initial: MailingTexts; readOnly?: boolean; submitLabel?: string; pending?: boolean; error?: unknown;
  onSubmit?: (texts: CreateMailing) => void; onCancel?: () => void;
}) {
  const t = useT();
  const s = useCustomerStyles();
  const c = useCampaignStyles();
  const w = useCampaignWords();
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [surveyId, setSurveyId] = useState(initial.surveyId ?? '');
  const [lang, setLang] = useState<Language>('fi');
  const body = useRef<HTMLTextAreaElement>(null);
  const set = (k: 'subject' | 'body', value: string) => setDraft((d) => ({ ...d, [lang]: { ...d[lang], [k]: value } }));
  /** The server's word on a field; its "must have {{surveyLink}}" no longer once the text has it. */
  const err = (field: string) => {
    const lang = /^body\.(fi|sv|en)$/.exec(field)?.[1] as Language | undefined;
    const fixed = lang && SURVEY_LINK.test(draft[lang].body) && error instanceof ApiError
      && error.fields.some((f) => f.path === field && /must have \{\{surveyLink\}\}/.test(f.message));
    return fixed ? undefined : campaignFieldProblem(t, error, field);
  };
  const langProblem = (l: Language) => !!(err(`subject.${l}`) ?? err(`body.${l}`));
  const shownFields = ['surveyId', ...LANGUAGES.flatMap((l) => [`subject.${l}`, `body.${l}`])];
  const other = error instanceof ApiError ? error.fields.every((f) => !shownFields.includes(f.path)) : !!error;

  const missingLink = surveyId ? withoutSurveyLink(draft) : [];
  /** Adds `{{surveyLink}}` on a line of its own at the end of each body that is sent without it. */
  const addSurveyLink = () => setDraft((d) => {
    const next = { ...d };
    for (const l of withoutSurveyLink(d)) {
      const text = d[l].body.replace(/\s+$/, '');
      next[l] = { ...d[l], body: text ? `${text}\n\n{{surveyLink}}` : '{{surveyLink}}' };
    }
    return next;
  });

  const insert = (field: string) => {
    const token = `{{${field}}}`;
    const el = body.current;
    const text = draft[lang].body;
    const at = el && document.activeElement !== null ? el.selectionStart ?? text.length : text.length;
    const end = el ? el.selectionEnd ?? at : at;
    set('body', `${text.slice(0, at)}${token}${text.slice(end)}`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  // the preview: the tab's language, or the Finnish that its recipients get when it is not written
  const own = draft[lang];
  const usesFinnish = lang !== 'fi' && !own.subject.trim() && !own.body.trim();
  const shown = usesFinnish ? draft.fi : own;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const sample: MergeValues = {
    ...nameParts(t('app.mailing.sample.contact')), fullName: t('app.mailing.sample.contact'), customerName: t('app.mailing.sample.customer'),
    senderName: me.name, unsubscribeLink: `${origin}/p/unsubscribe/…`, surveyLink: surveyId ? `${origin}/p/feedback/…` : '',
  };
  const unknown = [...new Set([...unknownMergeFields(shown.subject), ...unknownMergeFields(shown.body)])];
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit?.(textsOf(draft, surveyId)); };
  const langName = (l: Language) => t(`app.mailing.lang.${l}`);

  return (
    <form className={s.section} onSubmit={submit} noValidate aria-label={t('app.mailing.textsLabel')}>
      <SurveyPicker value={surveyId} onChange={setSurveyId} readOnly={readOnly} problem={err('surveyId')} />
      {!readOnly && missingLink.length > 0 && (
        <MessageBar intent="warning" data-testid="survey-link-missing">
          <MessageBarBody>{t('app.mailing.surveyLinkNeeded', { field: '{{surveyLink}}', languages: missingLink.map(langName).join(', ') })}</MessageBarBody>
          <MessageBarActions>
            <Button type="button" size="small" onClick={addSurveyLink}>{t('app.mailing.addSurveyLink', { field: '{{surveyLink}}' })}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <TabList selectedValue={lang} onTabSelect={(_, d) => setLang(d.value as Language)} aria-label={t('app.mailing.languages')} className={c.tabs}>
        {LANGUAGES.map((l) => (
          <Tab key={l} value={l} id={`mailing-tab-${l}`}>
            {l === 'fi' ? t('app.mailing.tabRequired', { language: langName(l) }) : langName(l)}
            {langProblem(l) ? ` – ${t('app.mailing.tabProblem')}` : ''}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-labelledby={`mailing-tab-${lang}`} className={c.editor}>
        <div className={s.section}>
          {lang !== 'fi' && <Text size={200} className={s.muted}>{t('app.mailing.optionalHint', { language: langName(lang) })}</Text>}
          <Field label={t('app.mailing.subject', { language: langName(lang) })} required={lang === 'fi'} validationMessage={err(`subject.${lang}`)}>
            <Input value={own.subject} readOnly={readOnly} onChange={(_, d) => set('subject', d.value)} />
          </Field>
          <Field label={t('app.mailing.body', { language: langName(lang) })} required={lang === 'fi'} validationMessage={err(`body.${lang}`)}>
            <Textarea ref={body} value={own.body} readOnly={readOnly} rows={10} resize="vertical" onChange={(_, d) => set('body', d.value)} />
          </Field>
          {!readOnly && (
            <section aria-labelledby="merge-fields" className={s.section}>
              <Text as="h3" id="merge-fields" weight="semibold">{t('app.mailing.mergeFields')}</Text>
              <Text size={200} className={s.muted}>{t('app.mailing.mergeFieldsHint')}</Text>
              <ul className={c.fields}>
                {MERGE_FIELDS.map((f) => (
                  <li key={f} className={c.fieldItem}>
                    <Button size="small" type="button" aria-label={t('app.mailing.insert', { field: `{{${f}}}` })} onClick={() => insert(f)}>
                      <code>{`{{${f}}}`}</code>
                    </Button>
                    <Text size={200}>{w.mergeField(f)}</Text>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <section aria-labelledby="mailing-preview" className={c.preview} data-testid="mailing-preview">
          <Text as="h3" id="mailing-preview" weight="semibold">{t('app.mailing.preview', { language: langName(lang) })}</Text>
          <Text size={200} className={s.muted}>{t('app.mailing.previewFor', { name: sample.fullName ?? '', customer: sample.customerName ?? '' })}</Text>
          {usesFinnish && <Text size={200}>{t('app.mailing.previewFinnish')}</Text>}
          <Text weight="semibold" className={s.excerpt}>{fillSubject(shown.subject, sample) || t('app.mailing.noSubject')}</Text>
          <Text className={s.excerpt}>{fillText(shown.body, sample)}</Text>
          {!/\{\{\s*unsubscribeLink\s*\}\}/.test(shown.body) && <Text size={200} className={s.muted}>{t('app.mailing.footerNote', { field: '{{unsubscribeLink}}' })}</Text>}
          {unknown.length > 0 && <Text role="alert" className={s.error}>{t('app.mailing.unknownFields', { fields: unknown.map((f) => `{{${f}}}`).join(', ') })}</Text>}
        </section>
      </div>
      {!readOnly && onSubmit && (
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={pending}>{submitLabel}</Button>
          {onCancel && <Button type="button" onClick={onCancel}>{t('app.cancel')}</Button>}
        </div>
      )}
      <div role="alert">{other && error ? <Text className={s.error}>{problemSentence(t, error)}</Text> : null}</div>
    </form>
  );
}
