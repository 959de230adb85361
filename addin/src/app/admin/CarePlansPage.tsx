/**
 * Care-plan administration: one plan per segment, and a customer group's override shown as its
 * own plan. Each rule is named in fi/sv/en, says which kinds of action satisfy it, its cadence,
 * first-contact window and warning days. Every change (add, edit, remove) is first previewed
 * (`POST /care-plans/preview`: how many customers' status would change, from what to what) and
 * only then saved; the server's field errors show at the field.
 */
import {
  Button, Checkbox, DialogActions, DialogBody, DialogContent, DialogTitle,
  Field, Input, makeStyles, Select, Spinner, Text, tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { CarePlanRuleView } from '../../../../shared/contract';
import type { CarePlanPreviewRequest, CarePlanPreviewResult, CreateCarePlanRule, UpdateCarePlanRule } from '../../../../shared/contract-admin';
import { ACTION_KINDS, CUSTOMER_GROUPS, SEGMENTS, type ActionKind, type CarePlanStatus, type CustomerGroup, type Segment } from '../../../../shared/domain/codes';
import { ApiError } from '../../api/errors';
import { useAdminApi } from '../../core/AdminApiContext';
import { LANGUAGES, type Language } from '../../core/i18n/catalogs';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT, type Translate } from '../../core/i18n/I18nProvider';
import { AppDialog } from '../common/AppDialog';
import { fieldMessage, problemText } from '../common/errors';
import { useDialog } from '../common/useDialog';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';

export const RULES_KEY = ['admin', 'care-plan-rules'] as const;
const STATUS_KEY = ['admin', 'dashboard', 1] as const;

const useStyles = makeStyles({
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBlockEnd: tokens.spacingVerticalM },
  rules: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))' },
  rule: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1,
  },
  ruleName: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  facts: { display: 'grid', gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  segment: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS,
    paddingBlockStart: tokens.spacingVerticalL, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  segmentHead: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  planHead: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  kinds: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, border: 'none', margin: 0, padding: 0 },
  legend: { padding: 0, marginBlockEnd: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  numbers: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '240px' },
  preview: {
    padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS,
  },
  transitions: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  addGroup: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
});

/** What the editor holds: strings as typed, turned into the request on preview/save. */
interface Draft {
  labels: Record<Language, string>;
  actionKinds: ActionKind[];
  cadenceDays: string;
  firstWithinDays: string;
  warningDays: string;
}

type Editing =
  | { op: 'create'; segment: Segment; customerGroup: CustomerGroup | null }
  | { op: 'update'; rule: CarePlanRuleView }
  | { op: 'delete'; rule: CarePlanRuleView };

const draftOf = (rule: CarePlanRuleView | null): Draft => ({
  labels: { fi: rule?.labels.fi ?? '', sv: rule?.labels.sv ?? '', en: rule?.labels.en ?? '' },
  actionKinds: rule ? [...rule.actionKinds] : [],
  cadenceDays: rule ? String(rule.cadenceDays) : '',
  firstWithinDays: rule?.firstWithinDays ? String(rule.firstWithinDays) : '',
  warningDays: rule ? String(rule.warningDays) : '7',
});

/** An empty number field stays a string so that the server names it ("must be a whole number of days"). */
const numberOf = (value: string): number | string => (value.trim() === '' ? value : Number(value));

function ruleBody(draft: Draft) {
  const labels: Partial<Record<Language, string>> = {};
  for (const l of LANGUAGES) if (draft.labels[l].trim()) labels[l] = draft.labels[l].trim();
  return {
    labels,
    actionKinds: draft.actionKinds,
    cadenceDays: numberOf(draft.cadenceDays),
    firstWithinDays: draft.firstWithinDays.trim() === '' ? null : numberOf(draft.firstWithinDays),
    warningDays: numberOf(draft.warningDays),
  };
}

function changeOf(editing: Editing, draft: Draft): CarePlanPreviewRequest['change'] {
  if (editing.op === 'delete') return { op: 'delete', id: editing.rule.id };
  const body = ruleBody(draft);
  // the number fields may hold what was typed (see numberOf): the server's answer names the field
  if (editing.op === 'create') {
    const rule = { ...body, labels: { fi: '', ...body.labels }, segment: editing.segment, customerGroup: editing.customerGroup };
    return { op: 'create', rule: rule as unknown as CreateCarePlanRule };
  }
  return { op: 'update', id: editing.rule.id, rule: body as unknown as UpdateCarePlanRule };
}

/** Field problems by field (`labels.fi`, `cadenceDays`, …), the preview's `change.rule.` prefix taken off. */
function fieldErrors(t: Translate, error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const f of error.fields) {
      const key = f.path.replace(/^change\.rule\./, '').replace(/^change\./, '');
      out[key] ??= fieldMessage(t, f);
    }
  }
  return out;
}

function PreviewText({ result }: { result: CarePlanPreviewResult }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useStyles();
  const state = (status: CarePlanStatus | null) => (status ? labels.carePlanStatus(status) : t('admin.carePlans.noPlan'));
  const moves = result.transitions.filter((tr) => tr.from !== tr.to && tr.count > 0).sort((a, b) => b.count - a.count);
  return (
    <div className={s.preview} data-testid="care-plan-preview">
      <Text weight="semibold">{t('admin.carePlans.previewSummary', { changed: result.changed, customers: result.customers })}</Text>
      {moves.length > 0 && (
        <ul className={s.transitions}>
          {moves.map((m) => (
            <li key={`${m.from}>${m.to}`}>{t('admin.carePlans.transition', { count: m.count, from: state(m.from), to: state(m.to) })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The form of the rule dialog: mounted at each opening (inside the page's always-mounted AppDialog). */
function RuleForm({ editing, onClose }: { editing: Editing; onClose: (saved: string | null) => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useStyles();
  const admin = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const formId = useId();
  const kindsErrorId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing.op === 'create' ? null : editing.rule));
  const [preview, setPreview] = useState<CarePlanPreviewResult | null>(null);
  const change = changeOf(editing, draft);

  const previewCall = useMutation({
    mutationFn: () => api.previewCarePlan({ change }),
    onSuccess: setPreview,
  });
  const save = useMutation({
    mutationFn: async () => {
      if (change.op === 'delete') return api.deleteRule(change.id);
      if (change.op === 'create') return api.createRule(change.rule);
      return api.updateRule(change.id, change.rule);
    },
    onSuccess: async () => {
      await Promise.all([queries.invalidateQueries({ queryKey: RULES_KEY }), queries.invalidateQueries({ queryKey: STATUS_KEY })]);
      onClose(editing.op === 'delete' ? t('admin.carePlans.removed') : t('admin.carePlans.saved'));
    },
  });
  const errors = { ...fieldErrors(t, previewCall.error), ...fieldErrors(t, save.error) };
  const generalError = [save.error, previewCall.error].find((e) => e && !(e instanceof ApiError && e.fields.length > 0));

  const edit = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setPreview(null); // a preview speaks of the draft it was made for
    previewCall.reset();
    save.reset();
  };
  const toggleKind = (kind: ActionKind, on: boolean) =>
    edit({ actionKinds: on ? ACTION_KINDS.filter((k) => k === kind || draft.actionKinds.includes(k)) : draft.actionKinds.filter((k) => k !== kind) });

  const title = editing.op === 'create'
    ? t('admin.carePlans.addTitle', { plan: planName(t, labels, editing.segment, editing.customerGroup) })
    : editing.op === 'update'
      ? t('admin.carePlans.editTitle', { rule: labels.rule(editing.rule) })
      : t('admin.carePlans.removeTitle', { rule: labels.rule(editing.rule) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (preview) save.mutate();
    else previewCall.mutate();
  }

  const busy = previewCall.isPending || save.isPending;
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent className={s.form}>
          {editing.op === 'delete' ? (
            <Text>{t('admin.carePlans.removeIntro')}</Text>
          ) : (
            <>
              {LANGUAGES.map((l) => (
                <Field key={l} label={t(`admin.carePlans.name.${l}`)} required={l === 'fi'} validationMessage={errors[`labels.${l}`] ?? (l === 'en' ? errors.label : undefined)}>
                  <Input value={draft.labels[l]} onChange={(_, d) => edit({ labels: { ...draft.labels, [l]: d.value } })} />
                </Field>
              ))}
              {/* not a Field: a Field hands its one control id to every checkbox inside */}
              <fieldset className={s.kinds} aria-describedby={errors.actionKinds ? kindsErrorId : undefined} aria-invalid={errors.actionKinds ? true : undefined}>
                <legend className={s.legend}>{t('admin.carePlans.kinds')}</legend>
                {ACTION_KINDS.map((k) => (
                  <Checkbox key={k} label={labels.actionKind(k)} checked={draft.actionKinds.includes(k)} onChange={(_, d) => toggleKind(k, d.checked === true)} />
                ))}
              </fieldset>
              {errors.actionKinds && <Text id={kindsErrorId} className={admin.error}>{errors.actionKinds}</Text>}
              <div className={s.numbers}>
                <Field label={t('admin.carePlans.cadence')} required validationMessage={errors.cadenceDays}>
                  <Input type="number" min={1} value={draft.cadenceDays} onChange={(_, d) => edit({ cadenceDays: d.value })} />
                </Field>
                <Field label={t('admin.carePlans.firstWithin')} hint={t('admin.carePlans.firstWithinHint')} validationMessage={errors.firstWithinDays}>
                  <Input type="number" min={1} value={draft.firstWithinDays} onChange={(_, d) => edit({ firstWithinDays: d.value })} />
                </Field>
                <Field label={t('admin.carePlans.warning')} required validationMessage={errors.warningDays}>
                  <Input type="number" min={0} value={draft.warningDays} onChange={(_, d) => edit({ warningDays: d.value })} />
                </Field>
              </div>
            </>
          )}
          <div role="status" aria-live="polite">
            {previewCall.isPending && <Spinner size="tiny" label={t('admin.carePlans.previewing')} />}
            {preview && <PreviewText result={preview} />}
          </div>
          <div role="alert">
            {generalError && <Text className={admin.error}>{problemText(t, generalError)}</Text>}
            {Object.keys(errors).length > 0 && <Text className={admin.error}>{t('admin.carePlans.fixFields')}</Text>}
          </div>
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" onClick={() => onClose(null)} disabled={save.isPending}>{t('admin.carePlans.cancel')}</Button>
          {preview ? (
            <Button appearance="primary" type="submit" disabled={busy}>
              {editing.op === 'delete' ? t('admin.carePlans.confirmRemove') : t('admin.carePlans.save')}
            </Button>
          ) : (
            <Button appearance="primary" type="submit" disabled={busy}>{t('admin.carePlans.preview')}</Button>
          )}
        </DialogActions>
      </DialogBody>
    </form>
  );
}

type CodeLabelsT = ReturnType<typeof useCodeLabels>;
function planName(t: ReturnType<typeof useT>, labels: CodeLabelsT, segment: Segment, group: CustomerGroup | null): string {
  return group
    ? t('admin.carePlans.groupPlan', { segment: labels.segment(segment), group: labels.customerGroup(group) })
    : t('admin.carePlans.segmentPlan', { segment: labels.segment(segment) });
}

function RuleCard({ rule, onEdit, onRemove }: { rule: CarePlanRuleView; onEdit: () => void; onRemove: () => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useStyles();
  const name = labels.rule(rule);
  const headingId = useId();
  return (
    <li className={s.rule} aria-labelledby={headingId} data-rule-id={rule.id}>
      <h4 id={headingId} className={s.ruleName}>{name}</h4>
      <dl className={s.facts}>
        <dt className={s.term}>{t('admin.carePlans.kinds')}</dt>
        <dd className={s.detail}>{rule.actionKinds.map((k) => labels.actionKind(k)).join(', ')}</dd>
        <dt className={s.term}>{t('admin.carePlans.cadenceShort')}</dt>
        <dd className={s.detail}>{t('admin.carePlans.days', { days: rule.cadenceDays })}</dd>
        <dt className={s.term}>{t('admin.carePlans.firstWithinShort')}</dt>
        <dd className={s.detail}>{rule.firstWithinDays ? t('admin.carePlans.days', { days: rule.firstWithinDays }) : t('admin.carePlans.noFirstWindow')}</dd>
        <dt className={s.term}>{t('admin.carePlans.warningShort')}</dt>
        <dd className={s.detail}>{t('admin.carePlans.days', { days: rule.warningDays })}</dd>
      </dl>
      <div className={s.buttons}>
        <Button size="small" onClick={onEdit} aria-label={t('admin.carePlans.editNamed', { rule: name })}>{t('admin.carePlans.edit')}</Button>
        <Button size="small" onClick={onRemove} aria-label={t('admin.carePlans.removeNamed', { rule: name })}>{t('admin.carePlans.remove')}</Button>
      </div>
    </li>
  );
}

function Plan({ segment, group, rules, onEdit }: { segment: Segment; group: CustomerGroup | null; rules: CarePlanRuleView[]; onEdit: (e: Editing) => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useStyles();
  const name = planName(t, labels, segment, group);
  const headingId = useId();
  return (
    <section className={s.plan} aria-labelledby={headingId}>
      <h3 id={headingId} className={s.planHead}>{group ? t('admin.carePlans.override', { group: labels.customerGroup(group) }) : t('admin.carePlans.basePlan')}</h3>
      {group && <Text size={200}>{t('admin.carePlans.overrideIntro', { group: labels.customerGroup(group) })}</Text>}
      {rules.length === 0 ? (
        <Text>{t('admin.carePlans.noRules')}</Text>
      ) : (
        <ul className={s.rules} aria-label={name}>
          {rules.map((r) => <RuleCard key={r.id} rule={r} onEdit={() => onEdit({ op: 'update', rule: r })} onRemove={() => onEdit({ op: 'delete', rule: r })} />)}
        </ul>
      )}
      <div>
        <Button onClick={() => onEdit({ op: 'create', segment, customerGroup: group })} aria-label={t('admin.carePlans.addTo', { plan: name })}>{t('admin.carePlans.add')}</Button>
      </div>
    </section>
  );
}

function SegmentPlans({ segment, rules, onEdit }: { segment: Segment; rules: CarePlanRuleView[]; onEdit: (e: Editing) => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useStyles();
  const headingId = useId();
  const selectId = useId();
  const [extra, setExtra] = useState<CustomerGroup[]>([]);
  const [choice, setChoice] = useState<CustomerGroup | ''>('');
  const groups = CUSTOMER_GROUPS.filter((g) => rules.some((r) => r.customerGroup === g) || extra.includes(g));
  const free = CUSTOMER_GROUPS.filter((g) => !groups.includes(g));
  return (
    <section className={s.segment} aria-labelledby={headingId} data-segment={segment}>
      <h2 id={headingId} className={s.segmentHead}>{labels.segment(segment)}</h2>
      <Plan segment={segment} group={null} rules={rules.filter((r) => r.customerGroup === null)} onEdit={onEdit} />
      {groups.map((g) => <Plan key={g} segment={segment} group={g} rules={rules.filter((r) => r.customerGroup === g)} onEdit={onEdit} />)}
      {free.length > 0 && (
        <div className={s.addGroup}>
          <Field label={t('admin.carePlans.overrideFor', { segment: labels.segment(segment) })}>
            <Select id={selectId} value={choice} onChange={(_, d) => setChoice(d.value as CustomerGroup | '')}>
              <option value="">{t('admin.carePlans.chooseGroup')}</option>
              {free.map((g) => <option key={g} value={g}>{labels.customerGroup(g)}</option>)}
            </Select>
          </Field>
          <Button disabled={!choice} onClick={() => { if (choice) { setExtra((x) => [...x, choice]); onEdit({ op: 'create', segment, customerGroup: choice }); setChoice(''); } }}>
            {t('admin.carePlans.addOverride')}
          </Button>
        </div>
      )}
    </section>
  );
}

export function CarePlansPage() {
  const t = useT();
  const labels = useCodeLabels();
  const admin = useAdminStyles();
  const api = useAdminApi();
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api.rules() });
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => api.dashboard(1) });
  // the app's one dialog pattern (../common/useDialog): the dialog stays mounted; each opening gets a fresh form
  const editor = useDialog<Editing>();
  const [done, setDone] = useState<string | null>(null);
  const bySegment = useMemo(() => SEGMENTS.map((seg) => ({ seg, rules: (rules.data ?? []).filter((r) => r.segment === seg) })), [rules.data]);
  const total = status.data?.compliance.total;
  return (
    <div className={admin.section}>
      <Text>{t('admin.carePlans.intro')}</Text>
      {total && (
        <div className={admin.summary} data-testid="status-counts">
          <Text>{t('admin.carePlans.statusNow')}</Text>
          <Text>{labels.carePlanStatus('on_track')}: <strong data-status="on_track">{total.onTrack}</strong></Text>
          <Text>{labels.carePlanStatus('due_soon')}: <strong data-status="due_soon">{total.dueSoon}</strong></Text>
          <Text>{labels.carePlanStatus('overdue')}: <strong data-status="overdue">{total.overdue}</strong></Text>
        </div>
      )}
      <div role="status" aria-live="polite">{done && <Text className={admin.ok}>{done}</Text>}</div>
      <LoadState query={rules} size="medium" />
      {rules.data && bySegment.map(({ seg, rules: own }) => <SegmentPlans key={seg} segment={seg} rules={own} onEdit={(change) => { setDone(null); editor.show(change); }} />)}
      <AppDialog {...editor.props}>
        {editor.subject && <RuleForm editing={editor.subject} onClose={(message) => { editor.close(); if (message) setDone(message); }} />}
      </AppDialog>
    </div>
  );
}
