/**
 * The fields of an action (kind, when, contacts, subject, note) shared by LogActionDialog and
 * CompleteTaskDialog: a draft, its local checks (a future time only for a meeting or an event,
 * which is then planned), and the request body it becomes.
 */
import { Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Textarea, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { CreateAction } from '../../../../shared/contract';
import { MANUAL_ACTION_KINDS, type ManualActionKind } from '../../../../shared/domain/codes';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT, type Translate } from '../../core/i18n/I18nProvider';
import { fieldProblem } from '../common/errors';
import { useFormats } from '../common/format';
import { instantOf, zonedDayTime } from '../common/time';

export interface ActionDraft {
  kind: ManualActionKind;
  day: string;
  time: string;
  contactIds: string[];
  subject: string;
  note: string;
}

export interface ContactOption {
  id: string;
  name: string;
}

/** Kinds whose time may lie ahead: a planned meeting or event. */
export const PLANNABLE: readonly ManualActionKind[] = ['meeting', 'event'];

export function newDraft(defaults: Partial<Pick<ActionDraft, 'kind' | 'contactIds' | 'subject' | 'note'>> = {}, now: Date = new Date()): ActionDraft {
  const { day, time } = zonedDayTime(now);
  return { kind: defaults.kind ?? 'call', day, time, contactIds: defaults.contactIds ?? [], subject: defaults.subject ?? '', note: defaults.note ?? '' };
}

/** The draft's instant, and whether it lies ahead (a minute of slack for a clock a little fast). */
export function draftWhen(draft: ActionDraft, now: Date = new Date()): { at: Date | null; future: boolean } {
  const at = instantOf(draft.day, draft.time);
  return { at, future: at !== null && at.getTime() > now.getTime() + 60_000 };
}

/** Problems the form knows without asking the server, by field. */
export function draftProblems(t: Translate, draft: ActionDraft, now: Date = new Date()): Partial<Record<'when', string>> {
  const { at, future } = draftWhen(draft, now);
  if (!at) return { when: t('app.action.whenMissing') };
  if (future && !PLANNABLE.includes(draft.kind)) return { when: t('app.action.futureNotAllowed') };
  return {};
}

/** The body of `POST /actions` (without the customer) or of a completion's `action`. An empty subject becomes the kind's name. */
export function draftBody(draft: ActionDraft, kindLabel: (kind: ManualActionKind) => string): Omit<CreateAction, 'organizationId'> {
  const at = instantOf(draft.day, draft.time);
  return {
    kind: draft.kind,
    occurredAt: (at ?? new Date()).toISOString(),
    subject: draft.subject.trim() || kindLabel(draft.kind),
    ...(draft.note.trim() ? { excerpt: draft.note.trim() } : {}),
    contactIds: draft.contactIds,
  };
}

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  when: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, '& > *': { flex: '1 1 140px', minWidth: 0 } },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  contacts: { display: 'flex', flexDirection: 'column', maxHeight: '180px', overflowY: 'auto' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ActionFieldsProps {
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  contacts: readonly ContactOption[];
  contactsLoading?: boolean;
  /** The failed submission (its `fields` go next to the fields), if any. */
  error?: unknown;
  /** Prefix of the server's field paths (`action.` inside a task completion). */
  pathPrefix?: string;
  now?: Date;
  /** Were the fields tried once (show local problems)? */
  touched?: boolean;
}

export function ActionFields({ draft, onChange, contacts, contactsLoading, error, pathPrefix = '', now = new Date(), touched }: ActionFieldsProps) {
  const t = useT();
  const s = useStyles();
  const labels = useCodeLabels();
  const fmt = useFormats();
  const contactsId = useId();
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => onChange({ ...draft, [key]: value });
  const local = draftProblems(t, draft, now);
  const { at, future } = draftWhen(draft, now);
  const server = (name: string) => fieldProblem(t, error, `${pathPrefix}${name}`);
  const whenProblem = server('occurredAt') ?? (touched || future ? local.when : undefined);
  const contactsProblem = server('contactIds');
  return (
    <div className={s.fields}>
      <Field label={t('app.action.kind')} validationMessage={server('kind')} validationState={server('kind') ? 'error' : 'none'}>
        <Select value={draft.kind} onChange={(_, d) => set('kind', d.value as ManualActionKind)}>
          {MANUAL_ACTION_KINDS.map((k) => <option key={k} value={k}>{labels.actionKind(k)}</option>)}
        </Select>
      </Field>
      <div className={s.when}>
        <Field label={t('app.action.day')} validationMessage={whenProblem} validationState={whenProblem ? 'error' : 'none'}>
          <Input type="date" value={draft.day} onChange={(_, d) => set('day', d.value)} />
        </Field>
        <Field label={t('app.action.time')}>
          <Input type="time" value={draft.time} onChange={(_, d) => set('time', d.value)} />
        </Field>
      </div>
      {at && future && PLANNABLE.includes(draft.kind) && (
        <MessageBar intent="info" data-testid="planned-note">
          <MessageBarBody>{t('app.action.plannedNote', { kind: labels.actionKind(draft.kind), when: fmt.dateTime(at) })}</MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={s.fieldset} aria-describedby={contactsProblem ? `${contactsId}-error` : undefined}>
        <legend className={s.legend}>{t('app.action.contacts')}</legend>
        {contactsLoading ? <Text>{t('app.loading')}</Text>
          : contacts.length === 0 ? <Text>{t('app.action.noContacts')}</Text>
            : (
              <div className={s.contacts}>
                {contacts.map((c) => (
                  <Checkbox
                    key={c.id}
                    label={c.name}
                    checked={draft.contactIds.includes(c.id)}
                    onChange={(_, d) => set('contactIds', d.checked ? [...draft.contactIds, c.id] : draft.contactIds.filter((id) => id !== c.id))}
                  />
                ))}
              </div>
            )}
        {contactsProblem && <Text id={`${contactsId}-error`} className={s.error}>{contactsProblem}</Text>}
      </fieldset>
      <Field label={t('app.action.subject')} hint={t('app.action.subjectHint')} validationMessage={server('subject')} validationState={server('subject') ? 'error' : 'none'}>
        <Input value={draft.subject} maxLength={1000} onChange={(_, d) => set('subject', d.value)} />
      </Field>
      <Field label={t('app.action.note')} validationMessage={server('excerpt')} validationState={server('excerpt') ? 'error' : 'none'}>
        <Textarea value={draft.note} resize="vertical" maxLength={20_000} onChange={(_, d) => set('note', d.value)} />
      </Field>
    </div>
  );
}
