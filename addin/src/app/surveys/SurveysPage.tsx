/**
 * Feedback surveys (`/app/surveys`, `/app/surveys/:id`): the list with each survey's type, state,
 * invitations and answers; a new survey (NPS 0–10 and a comment, CSAT 1–5 and a comment, or up to five
 * questions of one's own) and the change of one: its name, the heading respondents see and its
 * questions' texts in Finnish, Swedish and English, its closing day, and whether it takes answers
 * (active) or no longer does (retired). Account managers and administrators write, as the server
 * allows; management reads. An NPS or CSAT survey, and one that has answers, keeps its questions'
 * kinds (answers name them): only their texts change.
 */
import {
  Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import type { Survey } from '../../../../shared/contract-feedback';
import { LANGUAGES, type Language } from '../../../../shared/domain/codes';
import { defaultQuestions, MAX_CUSTOM_QUESTIONS, type QuestionKind, type SurveyType, type Texts } from '../../../../shared/domain/feedback';
import { surveyPath, surveysPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useT, type Translate } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { fieldMessage, problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { useCustomerStyles } from '../customers/customers.styles';
import { Page } from '../Page';
import { surveyKeys, useSurveyCalls, useSurveys, type CreateSurvey, type UpdateSurvey } from './surveyApi';
import { useSurveyStyles } from './surveys.styles';

/** May `me` make and change surveys? The server's rule: account managers and administrators. */
export const mayWriteSurveys = (me: Pick<User, 'role'>) => me.role === 'account_manager' || me.role === 'admin';

const EMPTY: Texts = { fi: '', sv: '', en: '' };

interface QuestionDraft { kind: QuestionKind; text: Texts }
interface SurveyDraft { name: string; title: Texts; type: SurveyType; questions: QuestionDraft[]; closesOn: string }

const questionsOf = (type: SurveyType): QuestionDraft[] =>
  type === 'custom' ? [{ kind: 'scale', text: { ...EMPTY } }] : defaultQuestions(type).map((q) => ({ kind: q.kind, text: { ...q.text } }));

const newDraft = (): SurveyDraft => ({ name: '', title: { ...EMPTY }, type: 'nps', questions: questionsOf('nps'), closesOn: '' });

const draftOf = (s: Survey): SurveyDraft => ({
  name: s.name, title: s.title ? { ...s.title } : { ...EMPTY }, type: s.type,
  questions: s.questions.map((q) => ({ kind: q.kind, text: { ...q.text } })), closesOn: s.closesOn ?? '',
});

/** The heading's texts to send: none when all three are empty (the name is shown). */
const titleOf = (d: SurveyDraft): Texts | null => (LANGUAGES.every((l) => !d.title[l].trim()) ? null : { ...d.title });

function createBody(d: SurveyDraft): CreateSurvey {
  const title = titleOf(d);
  const common = { name: d.name, type: d.type, ...(title ? { title } : {}), ...(d.closesOn ? { closesOn: d.closesOn } : {}) };
  if (d.type === 'custom') return { ...common, questions: d.questions.map((q) => ({ kind: q.kind as 'scale' | 'text', text: q.text })) };
  return { ...common, questionText: d.questions[0]!.text, commentText: d.questions[1]!.text };
}

const updateBody = (d: SurveyDraft, version: number): UpdateSurvey => ({
  version, name: d.name, title: titleOf(d), questions: d.questions.map((q) => ({ kind: q.kind, text: q.text })), closesOn: d.closesOn || null,
});

/** The survey's words: type, state, a question's kind. */
export function surveyWords(t: Translate) {
  return {
    type: (x: SurveyType) => t(`app.survey.type.${x}`),
    kind: (k: QuestionKind) => t(`app.survey.kind.${k}`),
    state: (s: Survey['status']) => t(s === 'open' ? 'app.survey.state.open' : 'app.survey.state.closed'),
    language: (l: Language) => t(`app.survey.lang.${l}`),
  };
}

export function SurveyStateTag({ status }: { status: Survey['status'] }) {
  const w = surveyWords(useT());
  return <Badge appearance="tint" shape="rounded" color={status === 'open' ? 'success' : 'subtle'} data-state={status}>{w.state(status)}</Badge>;
}

/**
 * What the server said about a field of the survey form, in the user's language. A new NPS or CSAT
 * survey's question texts come back as `questionText`/`commentText`: they are its questions 0 and 1.
 */
function surveyFieldProblem(t: Translate, error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const aliases = [field, field.replace(/^questions\.0\.text/, 'questionText'), field.replace(/^questions\.1\.text/, 'commentText')];
  const hit = error.fields.find((f) => aliases.some((a) => f.path === a || f.path.startsWith(`${a}.`)));
  if (!hit) return undefined;
  if (hit.path === 'questions' && error.status === 409) return t('app.survey.questionsFixed');
  if (hit.path === 'closesOn' && /in the past/.test(hit.message)) return t('app.survey.closesPast');
  return fieldMessage(t, hit);
}

/** Three texts of one thing, one per language, in a group named by `legend`. */
function LanguageTexts({ legend, value, onChange, readOnly, problem, testId, multiline = false, required = true }: {
  legend: string; value: Texts; onChange: (v: Texts) => void; readOnly: boolean; problem: (lang: Language) => string | undefined; testId?: string;
  multiline?: boolean; required?: boolean;
}) {
  const s = useCustomerStyles();
  const w = surveyWords(useT());
  return (
    <fieldset className={s.filters} data-testid={testId}>
      <legend><Text weight="semibold">{legend}</Text></legend>
      {LANGUAGES.map((l) => (
        <Field key={l} label={w.language(l)} required={required} validationMessage={problem(l)} className={s.field}>
          {multiline
            ? <Textarea lang={l} value={value[l]} readOnly={readOnly} rows={3} resize="vertical" onChange={(_, d) => onChange({ ...value, [l]: d.value })} />
            : <Input lang={l} value={value[l]} readOnly={readOnly} onChange={(_, d) => onChange({ ...value, [l]: d.value })} />}
        </Field>
      ))}
    </fieldset>
  );
}

/** A survey's fields: a new one (its type chosen here) or a change of one. */
function SurveyForm({ survey, readOnly, pending, error, submitLabel, onSubmit, onCancel }: {
  survey: Survey | null; readOnly: boolean; pending: boolean; error: unknown; submitLabel: string; onSubmit: (d: SurveyDraft) => void; onCancel?: () => void;
}) {
  const t = useT();
  const s = useCustomerStyles();
  const ss = useSurveyStyles();
  const w = surveyWords(t);
  const [d, setD] = useState<SurveyDraft>(() => (survey ? draftOf(survey) : newDraft()));
  const set = <K extends keyof SurveyDraft>(k: K, v: SurveyDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const setQuestion = (n: number, q: QuestionDraft) => set('questions', d.questions.map((x, i) => (i === n ? q : x)));
  // the questions' kinds stay once the survey is NPS/CSAT or has answers: answers name its questions
  const fixed = d.type !== 'custom' || (survey?.responseCount ?? 0) > 0;
  const err = (field: string) => surveyFieldProblem(t, error, field);
  const shown = ['name', 'title', 'type', 'questions', 'questionText', 'commentText', 'closesOn'];
  const other = error instanceof ApiError ? error.fields.every((f) => !shown.some((x) => f.path === x || f.path.startsWith(`${x}.`))) : !!error;
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(d); };
  const questionLegend = (n: number, q: QuestionDraft) => t('app.survey.question', { n: n + 1, kind: w.kind(q.kind) });
  return (
    <form className={s.section} onSubmit={submit} noValidate aria-label={survey ? t('app.survey.editLabel') : t('app.survey.newLabel')} data-testid="survey-form">
      <div className={s.filters}>
        <Field label={t('app.survey.name')} hint={t('app.survey.nameHint')} required validationMessage={err('name')} className={s.field}>
          <Input value={d.name} readOnly={readOnly} onChange={(_, v) => set('name', v.value)} />
        </Field>
        <Field label={t('app.survey.typeLabel')} validationMessage={err('type')} className={s.field} hint={survey ? t('app.survey.typeFixed') : t('app.survey.typeHint')}>
          <Select className={ss.select} value={d.type} disabled={readOnly || !!survey} onChange={(_, v) => setD((old) => ({ ...old, type: v.value as SurveyType, questions: questionsOf(v.value as SurveyType) }))}>
            {(['nps', 'csat', 'custom'] as const).map((x) => <option key={x} value={x}>{w.type(x)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.survey.closesOn')} hint={t('app.survey.closesOnHint')} validationMessage={err('closesOn')} className={s.field}>
          <Input type="date" value={d.closesOn} readOnly={readOnly} onChange={(_, v) => set('closesOn', v.value)} />
        </Field>
      </div>
      <Text size={200} className={s.muted}>{t('app.survey.titleHint')}</Text>
      <LanguageTexts required={false} legend={t('app.survey.title')} value={d.title} readOnly={readOnly} onChange={(v) => set('title', v)} problem={(l) => err(`title.${l}`)} testId="survey-title" />
      {fixed && survey && <Text size={200} className={s.muted}>{survey.type === 'custom' ? t('app.survey.answeredFixed') : t('app.survey.standardFixed')}</Text>}
      {err('questions') && !d.questions.some((_, n) => err(`questions.${n}`)) && <Text role="alert" className={s.error}>{err('questions')}</Text>}
      {d.questions.map((q, n) => (
        <div key={n} className={s.section} data-testid={`survey-question-${n + 1}`}>
          <LanguageTexts
            multiline legend={questionLegend(n, q)} value={q.text} readOnly={readOnly} onChange={(text) => setQuestion(n, { ...q, text })} problem={(l) => err(`questions.${n}.text.${l}`)}
          />
          {!fixed && !readOnly && (
            <div className={s.row}>
              <Field label={t('app.survey.kindLabel', { n: n + 1 })} validationMessage={err(`questions.${n}.kind`)} className={s.field}>
                <Select className={ss.select} value={q.kind} onChange={(_, v) => setQuestion(n, { ...q, kind: v.value as QuestionKind })}>
                  {(['scale', 'text'] as const).map((k) => <option key={k} value={k}>{w.kind(k)}</option>)}
                </Select>
              </Field>
              {d.questions.length > 1 && (
                <Button type="button" onClick={() => set('questions', d.questions.filter((_, i) => i !== n))}>{t('app.survey.removeQuestion', { n: n + 1 })}</Button>
              )}
            </div>
          )}
        </div>
      ))}
      {!fixed && !readOnly && d.questions.length < MAX_CUSTOM_QUESTIONS && (
        <div><Button type="button" onClick={() => set('questions', [...d.questions, { kind: 'scale', text: { ...EMPTY } }])}>{t('app.survey.addQuestion')}</Button></div>
      )}
      {!readOnly && (
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={pending}>{submitLabel}</Button>
          {onCancel && <Button type="button" onClick={onCancel}>{t('app.cancel')}</Button>}
        </div>
      )}
      <div role="alert">{other && error ? <Text className={s.error}>{problemSentence(t, error)}</Text> : null}</div>
    </form>
  );
}

function NewSurvey({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const calls = useSurveyCalls();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation({
    mutationFn: (d: SurveyDraft) => calls.create(createBody(d)),
    onSuccess: async (made) => {
      await client.invalidateQueries({ queryKey: surveyKeys.all() });
      navigate(surveyPath(made.id));
    },
  });
  return (
    <section aria-labelledby="new-survey">
      <Text as="h2" id="new-survey" size={500} weight="semibold">{t('app.survey.new')}</Text>
      <SurveyForm survey={null} readOnly={false} pending={create.isPending} error={create.error} submitLabel={t('app.survey.create')} onSubmit={(d) => create.mutate(d)} onCancel={onCancel} />
    </section>
  );
}

export function SurveysPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const fmt = useFormats();
  const w = surveyWords(t);
  const [creating, setCreating] = useState(false);
  const list = useSurveys();
  return (
    <Page title={t('app.page.surveys')}>
      <Text>{t('app.survey.intro')}</Text>
      {mayWriteSurveys(me) && (creating
        ? <NewSurvey onCancel={() => setCreating(false)} />
        : <div><Button appearance="primary" onClick={() => setCreating(true)}>{t('app.survey.new')}</Button></div>)}
      {list.error && <Text role="alert" className={s.error}>{problemSentence(t, list.error)}</Text>}
      {list.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {list.data && (list.data.items.length === 0 ? <Text>{t('app.survey.none')}</Text> : (
        <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="surveys-caption">
          <Table className={s.planTable} data-testid="surveys">
            <caption id="surveys-caption" className={s.caption}>{t('app.survey.tableCaption')}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('app.survey.col.name')}</TableHeaderCell>
                <TableHeaderCell>{t('app.survey.col.type')}</TableHeaderCell>
                <TableHeaderCell>{t('app.survey.col.state')}</TableHeaderCell>
                <TableHeaderCell>{t('app.survey.col.answers')}</TableHeaderCell>
                <TableHeaderCell>{t('app.survey.col.created')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((x) => (
                <TableRow key={x.id}>
                  <TableCell><AppLink href={surveyPath(x.id)}>{x.name}</AppLink></TableCell>
                  <TableCell>{w.type(x.type)}</TableCell>
                  <TableCell><SurveyStateTag status={x.status} /></TableCell>
                  <TableCell>{t('app.survey.answers', { responses: x.responseCount, invitations: x.invitationCount })}</TableCell>
                  <TableCell>{t('app.survey.createdBy', { date: fmt.date(x.createdAt), name: x.owner.name })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
    </Page>
  );
}

export function SurveyPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const { id = '' } = useParams<{ id: string }>();
  const calls = useSurveyCalls();
  const client = useQueryClient();
  const survey = useQuery({ queryKey: surveyKeys.one(id), retry: false, queryFn: ({ signal }) => calls.get(id, signal) });
  const changed = async () => client.invalidateQueries({ queryKey: surveyKeys.all() });
  const save = useMutation({ mutationFn: (d: SurveyDraft) => calls.update(id, updateBody(d, survey.data!.version)), onSuccess: changed });
  const setStatus = useMutation({ mutationFn: (status: Survey['status']) => calls.update(id, { version: survey.data!.version, status }), onSuccess: changed });
  const x = survey.data;
  const stale = [save.error, setStatus.error].some((e) => e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.path === 'version'));
  const writer = mayWriteSurveys(me);
  return (
    <Page title={x ? t('app.page.survey', { name: x.name }) : t('app.page.surveys')}>
      <div><AppLink href={surveysPath()}>{t('app.survey.back')}</AppLink></div>
      {survey.error && <Text role="alert" className={s.error}>{problemSentence(t, survey.error)}</Text>}
      {survey.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {x && (
        <>
          <div className={s.badges}>
            <SurveyStateTag status={x.status} />
            <Text>{t('app.survey.answers', { responses: x.responseCount, invitations: x.invitationCount })}</Text>
          </div>
          <Text size={200} className={s.muted}>{x.status === 'open' ? t('app.survey.openHint') : t('app.survey.closedHint')}</Text>
          {writer && (
            <div className={s.row}>
              <Button disabled={setStatus.isPending} onClick={() => setStatus.mutate(x.status === 'open' ? 'closed' : 'open')}>
                {x.status === 'open' ? t('app.survey.retire') : t('app.survey.reactivate')}
              </Button>
            </div>
          )}
          {stale && <MessageBar intent="warning"><MessageBarBody>{t('app.survey.stale')}</MessageBarBody></MessageBar>}
          {setStatus.error && !stale && <Text role="alert" className={s.error}>{problemSentence(t, setStatus.error)}</Text>}
          {save.isSuccess && !save.isPending && <Text role="status">{t('app.survey.saved')}</Text>}
          <SurveyForm
            key={x.version} survey={x} readOnly={!writer} pending={save.isPending} error={stale ? null : save.error} submitLabel={t('app.cust.save')}
            onSubmit={(d) => save.mutate(d)}
          />
        </>
      )}
    </Page>
  );
}
